import { parseWandbJson } from '@wbapi/core';
import { describe, expect, it } from 'vitest';
import { parseReplyParts } from './parse-reply-parts';

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` cut into pieces of random lengths, as a socket might deliver it. */
function cut(text: string, next: () => number, longest: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length;) {
    const length = 1 + Math.floor(next() * longest);
    parts.push(text.slice(at, at + length));
    at += length;
  }
  return parts;
}

/** What parsing the joined text gives: the value, or undefined when it is not W&B JSON. */
function whole(text: string): unknown {
  try {
    return parseWandbJson(text);
  } catch {
    return undefined;
  }
}

// Strings that sit next to the cut points on purpose: separators, escapes, brackets, NaN.
const TRICKY = ['","', '\\",', '},{', '"]', '[', ']}', '\\', ',', 'NaN', 'é', '\u2028', '{"a":"},{"}'];

function row(step: number, next: () => number): Record<string, unknown> {
  const value: Record<string, unknown> = { _step: step, loss: next() };
  if (next() < 0.3) value['note'] = TRICKY[Math.floor(next() * TRICKY.length)];
  if (next() < 0.2) value['nested'] = [{ x: TRICKY[Math.floor(next() * TRICKY.length)] }, { y: [1, 2] }];
  return value;
}

type Kind = 'history' | 'sampled' | 'specs' | 'runs';

/** A reply's text with `rows` rows as the server would send them, NaN written bare where asked. */
function reply(kind: Kind, rows: number, next: () => number, nan: boolean): string {
  const list = Array.from({ length: rows }, (_, i) => row(i, next));
  const bare = (text: string): string => (nan ? text.replace(/"loss":0\.0[0-4]\d*/g, '"loss":NaN') : text);
  if (kind === 'history') {
    const history = list.map((r) => bare(JSON.stringify(r)));
    return JSON.stringify({ data: { project: { id: 'p', run: { history } } } });
  }
  if (kind === 'runs') {
    // A runs listing whose runs carry their history (runs.histories), lists after it too.
    const edges = Array.from({ length: 4 }, (_, i) => ({
      node: { name: `run${i}`, tags: ['a', '],['], history: list.map((r) => bare(JSON.stringify(r))) },
    }));
    return JSON.stringify({
      data: { project: { runs: { edges, pageInfo: { hasNextPage: false, x: [1] } } } },
    });
  }
  const body = bare(JSON.stringify(list));
  const lists = kind === 'specs' ? `[${body},${body}]` : `[${body}]`;
  return `{"data":{"project":{"run":{"sampledHistory":${lists}}}}}`;
}

describe('parseReplyParts', () => {
  it('gives what parsing the whole text gives, however a long reply is cut', () => {
    const next = random(14);
    for (let round = 0; round < 60; round++) {
      const kind = (['history', 'sampled', 'specs', 'runs'] as const)[round % 4] ?? 'history';
      const text = reply(kind, 200 + Math.floor(next() * 600), next, round % 5 === 0);
      const parts = cut(text, next, round % 2 ? 70_000 : 5_000);
      expect(parseReplyParts(parts)).toEqual({ json: whole(text), chars: text.length });
    }
  });

  it('keeps NaN and Infinity in rows and history row texts', () => {
    const history = Array.from(
      { length: 3000 },
      (_, i) => `{"_step":${i},"loss":${i % 2 ? 'NaN' : 'Infinity'}}`,
    );
    const text = `{"data":{"project":{"run":{"history":${JSON.stringify(history)}}}}}`;
    const parsed = parseReplyParts(cut(text, random(1), 20_000));
    expect(parsed?.json).toEqual(JSON.parse(text));
    const rows = `{"data":{"run":{"sampledHistory":[[${history.join(',')}]]}}}`;
    const value = parseReplyParts(cut(rows, random(2), 20_000))?.json as {
      data: { run: { sampledHistory: unknown[][] } };
    };
    expect(value.data.run.sampledHistory[0]?.[1]).toEqual({ _step: 1, loss: Number.NaN });
    expect(value.data.run.sampledHistory[0]).toHaveLength(3000);
  });

  it('answers undefined for what is not JSON, as parsing the whole does, and parses other shapes whole', () => {
    const next = random(7);
    const good = reply('history', 800, next, false);
    for (const bad of [
      good.slice(0, -1),
      `${good}x`,
      good.replace('","', '",,"'),
      good.replace('},{', '}{'),
    ]) {
      const expected = whole(bad);
      expect(parseReplyParts(cut(bad, next, 30_000))).toEqual(
        expected === undefined ? undefined : { json: expected, chars: bad.length },
      );
    }
    const errors = `{"errors":[{"message":"no"}],"data":${JSON.stringify({ rows: Array(5000).fill('a"b') })}}`;
    expect(parseReplyParts(cut(errors, next, 10_000))?.json).toEqual(JSON.parse(errors));
    expect(parseReplyParts([])).toBeUndefined();
  });
});
