import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  HISTORY_EXPORT_VARIANTS,
  generateDemoDataset,
  variedHistoryRows,
  type RunningServer,
} from '../src/index';
import { parseWandbJson } from '../src/util/wandb-json';
import { basic, gql, startTestServer, testRun } from './helpers';

const ROWS = 30;
const QUERY = `query RunParquetHistory($entity: String!, $project: String!, $runName: String!, $liveKeys: [String!]!) {
  project(name: $project, entityName: $entity) { run(name: $runName) { parquetHistory(liveKeys: $liveKeys) { parquetUrls liveData } } }
}`;

let server: RunningServer;
let duck: DuckDBConnection;
const downloads = mkdtempSync(`${tmpdir()}/wbapi-export-`);
let downloaded = 0;
beforeAll(async () => {
  server = await startTestServer();
  for (const [name, options] of Object.entries(HISTORY_EXPORT_VARIANTS)) {
    const run = server.store.addRun(testRun(20, { name, history: variedHistoryRows(ROWS) }));
    server.store.exportHistory(run.id, options);
  }
  const partly = server.store.addRun(testRun(21, { name: 'partly', history: variedHistoryRows(ROWS) }));
  server.store.exportHistory(partly.id, { upToStep: 20 });
  server.store.addRun(testRun(22, { name: 'liveonly', history: variedHistoryRows(ROWS) }));
  duck = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(async () => {
  await server.close();
  rmSync(downloads, { recursive: true, force: true });
});

interface ParquetHistory {
  parquetUrls: string[];
  liveData: Record<string, unknown>[];
}

async function parquetHistory(run: string, liveKeys = ['_step']): Promise<ParquetHistory> {
  const res = await gql(server, QUERY, { entity: 'e', project: 'p', runName: run, liveKeys });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.project.run.parquetHistory as ParquetHistory;
}

/** Every row of the run through the legacy `history` query. */
async function legacyRows(run: string): Promise<Record<string, unknown>[]> {
  const res = await gql(
    server,
    `{ project(name: "p", entityName: "e") { run(name: "${run}") { history(samples: 100000) } } }`,
  );
  return (res.body.data.project.run.history as string[]).map(
    (t) => parseWandbJson(t) as Record<string, unknown>,
  );
}

/** A DuckDB value as the history value it stands for (this test's own decoder, independent of the client's). */
function fromDuck(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return parseWandbJson(Buffer.from(value).toString('utf8'));
  if (Array.isArray(value)) return value.map(fromDuck);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k]) => k.startsWith('_type_'))) {
      const present = entries.find(([, v]) => v !== null);
      return present ? fromDuck(present[1]) : null;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const decoded = fromDuck(v);
      if (decoded !== undefined) out[k] = decoded;
    }
    return out;
  }
  return value;
}

function fromDuckRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(row)) {
    const value = fromDuck(raw);
    if (value === undefined) continue;
    const path = name === '_step' ? [name] : name.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1] as string] = value;
  }
  return out;
}

/** Downloads a URL (no credentials) to a temporary file DuckDB can open. */
async function download(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const path = `${downloads}/${(downloaded += 1)}.parquet`;
  writeFileSync(path, Buffer.from(await res.arrayBuffer()));
  return path;
}

async function duckRows(path: string): Promise<Record<string, unknown>[]> {
  const reader = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

describe('Run.parquetHistory', () => {
  it('lists no URLs and every row live for a run never exported', async () => {
    const history = await parquetHistory('liveonly');
    expect(history.parquetUrls).toEqual([]);
    expect(history.liveData).toEqual(variedHistoryRows(ROWS).map((r) => ({ _step: r._step })));
  });

  it('lists the files and the rows after the export mark, with the live keys each row has', async () => {
    const history = await parquetHistory('partly', ['_step', 'acc', 'train']);
    expect(history.parquetUrls).toHaveLength(1);
    const later = variedHistoryRows(ROWS).filter((r) => (r._step as number) > 20);
    expect(history.liveData).toEqual(
      later.map((r) => ({
        _step: r._step,
        ...('acc' in r ? { acc: r.acc } : {}),
        ...('train' in r ? { train: r.train } : {}),
      })),
    );
  });

  it('moves the mark with a second export and serves the new file too', async () => {
    const run = server.store.addRun(testRun(23, { name: 'twice', history: variedHistoryRows(ROWS) }));
    expect(server.store.exportHistory(run.id, { upToStep: 10 })).toMatchObject({ files: 1, mark: 10 });
    server.store.appendHistory(run.id, [{ _step: 100, loss: 1 }]);
    expect(server.store.exportHistory(run.id)).toMatchObject({ files: 1, mark: 100 });
    const history = await parquetHistory('twice');
    expect(history).toMatchObject({ liveData: [] });
    expect(history.parquetUrls).toHaveLength(2);
  });

  it('answers with a validation error when the server lacks the field (fault switch)', async () => {
    server.faults.update({ parquetHistoryUnsupported: true });
    try {
      const res = await gql(server, QUERY, {
        entity: 'e',
        project: 'p',
        runName: 'default',
        liveKeys: ['_step'],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/^Cannot query field "parquetHistory" on type "Run"\./);
      const legacy = await gql(
        server,
        '{ project(name: "p", entityName: "e") { run(name: "default") { historyLineCount } } }',
      );
      expect(legacy.body.data.project.run.historyLineCount).toBe(ROWS);
    } finally {
      server.faults.clear();
    }
  });

  it('answers an empty liveData when told to (backends that do not fill it)', async () => {
    server.faults.update({ liveDataOmitted: true });
    try {
      expect(await parquetHistory('liveonly')).toEqual({ parquetUrls: [], liveData: [] });
    } finally {
      server.faults.clear();
    }
  });
});

describe('export files, read by DuckDB', () => {
  it.each(Object.keys(HISTORY_EXPORT_VARIANTS))('%s: the same rows as the history query', async (variant) => {
    const { parquetUrls, liveData } = await parquetHistory(variant);
    expect(liveData).toEqual([]);
    const rows: Record<string, unknown>[] = [];
    for (const url of parquetUrls) {
      const path = await download(url);
      // DuckDB refuses zero-column files (W&B's `empty.parquet` shape); the client skips them.
      if (statSync(path).size < 64) {
        await expect(duckRows(path)).rejects.toThrow(/non-root column/);
        continue;
      }
      const fileRows = await duckRows(path);
      const steps = fileRows.map((r) => Number(r._step));
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      const meta = await duck.runAndReadAll(
        `SELECT stats_min_value AS lo, stats_max_value AS hi, type FROM parquet_metadata('${path}') WHERE path_in_schema = '_step'`,
      );
      for (const group of meta.getRowObjectsJS()) {
        if (variant !== 'noStatistics') expect([group.lo, group.hi]).not.toContain(null);
        else expect([group.lo, group.hi]).toEqual([null, null]);
        expect(group.type).toBe({ int64Step: 'INT64', int32StepGzip: 'INT32' }[variant] ?? 'DOUBLE');
      }
      rows.push(...fileRows.map(fromDuckRow));
    }
    const byStep = new Map<number, Record<string, unknown>>();
    for (const row of rows.sort((a, b) => (a._step as number) - (b._step as number))) {
      if (!byStep.has(row._step as number)) byStep.set(row._step as number, row);
    }
    expect([...byStep.values()]).toEqual(await legacyRows(variant));
  });

  it('writes several files with overlapping steps, listed newest first, for that variant', async () => {
    const { parquetUrls } = await parquetHistory('overlappingReversedFiles');
    expect(parquetUrls.length).toBe(3);
    const firsts: number[] = [];
    for (const url of parquetUrls) firsts.push(Number((await duckRows(await download(url)))[0]?._step));
    expect(firsts).toEqual([...firsts].sort((a, b) => b - a));
  });

  it('writes a zero-column file for the empty-export variant', async () => {
    const { parquetUrls } = await parquetHistory('withEmptyFile');
    const sizes: number[] = [];
    for (const url of parquetUrls) sizes.push(statSync(await download(url)).size);
    const empty = sizes.filter((n) => n < 64);
    expect(empty).toHaveLength(1);
  });
});

describe('export URLs', () => {
  let url: string;
  let size: number;
  beforeAll(async () => {
    url = (await parquetHistory('default')).parquetUrls[0] as string;
    size = (await (await fetch(url)).arrayBuffer()).byteLength;
  });

  it('need no credentials, ignore Authorization and answer HEAD with the size', async () => {
    const head = await fetch(url, { method: 'HEAD', headers: { Authorization: basic('z'.repeat(40)) } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });

  it('answer a Range with 206 and exactly those bytes', async () => {
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    const res = await fetch(url, { headers: { Range: `bytes=${size - 8}-${size - 1}` } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${size - 8}-${size - 1}/${size}`);
    const tail = Buffer.from(await res.arrayBuffer());
    expect(tail).toEqual(whole.subarray(size - 8));
    expect(tail.subarray(4).toString()).toBe('PAR1');
  });

  it('answer 403 to a wrong signature and once expired', async () => {
    expect((await fetch(url.replace(/signature=./, 'signature=x'))).status).toBe(403);
    server.faults.update({ exportUrlTtlMs: -1 });
    try {
      const expired = (await parquetHistory('default')).parquetUrls[0] as string;
      const res = await fetch(expired);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
    } finally {
      server.faults.clear();
    }
  });

  it('take the file faults: 5xx, 429 and resets mid-body', async () => {
    server.faults.update({ targets: ['files'] });
    try {
      server.faults.failNext(1, 503);
      expect((await fetch(url)).status).toBe(503);
      server.faults.failNext(1, 429, 2);
      const limited = await fetch(url);
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
      server.faults.failNext(1, 'reset');
      await expect(fetch(url).then((r) => r.arrayBuffer())).rejects.toThrow();
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.faults.clear();
    }
  });

  it('can refuse HEAD and ignore Range (fault switches)', async () => {
    server.faults.update({ exportHeadRefused: true, exportRangeIgnored: true });
    try {
      expect((await fetch(url, { method: 'HEAD' })).status).toBe(403);
      const res = await fetch(url, { headers: { Range: 'bytes=0-7' } });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(size);
    } finally {
      server.faults.clear();
    }
  });
});

describe('automatic export', () => {
  it('exports a run after the configured delay once upsertBucket marks it finished', async () => {
    const own = await startTestServer({ exportDelayMs: 0 });
    try {
      const created = await gql(
        own,
        'mutation { upsertBucket(input: { name: "auto", modelName: "p", entityName: "e" }) { bucket { id } } }',
      );
      const id = created.body.data.upsertBucket.bucket.id as string;
      const run = own.store.run('e', 'p', 'auto');
      own.store.appendHistory(run!.id, variedHistoryRows(5));
      await gql(
        own,
        `mutation { upsertBucket(input: { id: "${id}", state: "finished" }) { bucket { id } } }`,
      );
      const ask = () => gql(own, QUERY, { entity: 'e', project: 'p', runName: 'auto', liveKeys: ['_step'] });
      await vi.waitFor(async () =>
        expect((await ask()).body.data.project.run.parquetHistory.parquetUrls).toHaveLength(1),
      );
      expect((await ask()).body.data.project.run.parquetHistory.liveData).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('demo data', () => {
  it('has exported, partly exported and live-only runs', async () => {
    const own = await startTestServer({
      dataset: generateDemoDataset({ runsPerProject: 6, historyLength: 20 }),
    });
    try {
      const runs = own.store.db
        .prepare('SELECT r.id, m.mark FROM runs r LEFT JOIN history_export_marks m ON m.run_id = r.id')
        .all() as { id: number; mark: number | null }[];
      const marks = new Set(runs.map((r) => (r.mark === null ? 'live' : r.mark === 19 ? 'whole' : 'part')));
      expect(marks).toEqual(new Set(['live', 'whole', 'part']));
    } finally {
      await own.close();
    }
  });
});
