import { jsonEqual } from './json-equal';
import { parseWandbJson } from './parse-wandb-json';
import { rawMembers } from './raw-members';
import { stringifyWandbJson } from './stringify-wandb-json';

/** How {@link exactObjectText} maps between stored members and the values a user sees. */
export interface ExactTextOptions {
  /** The user-facing value of a stored member (a config entry's `value`). @defaultValue identity */
  unwrap?: (stored: unknown) => unknown;
  /** The stored form of a changed value (`{value, desc: null}` for config). @defaultValue identity */
  wrap?: (value: unknown) => unknown;
}

const same = (value: unknown): unknown => value;

/**
 * JSON object text (W&B's dialect) for `values`, where every member the user left untouched is
 * copied byte for byte from `originalText`, the text the server sent: `1.0` stays `1.0`,
 * `12345678901234567890` keeps its digits, `NaN` stays `NaN`. A member counts as untouched when
 * its current value equals (see {@link jsonEqual}) the unwrapped value decoded from its original
 * text; others are written fresh. Keys absent from `values`, or `undefined` there, are left out.
 *
 * @param values - The current values, in the order to write them.
 * @param originalText - What the server sent, or null when unknown (everything is then written fresh).
 * @example
 * ```ts
 * const text = '{"lr": 1.0, "big": 12345678901234567890}';
 * const values = JSON.parse(text); // { lr: 1, big: 12345678901234567000 }
 * values.epochs = 3;
 * exactObjectText(values, text); // '{"lr":1.0,"big":12345678901234567890,"epochs":3}'
 * ```
 */
export function exactObjectText(
  values: Readonly<Record<string, unknown>>,
  originalText: string | null | undefined,
  options: ExactTextOptions = {},
): string {
  const { unwrap = same, wrap = same } = options;
  let original: Map<string, string> | null = null;
  if (originalText) {
    try {
      original = rawMembers(originalText);
    } catch {
      original = null; // Not an object: nothing to copy, everything is written fresh.
    }
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const raw = original?.get(key);
    const untouched = raw !== undefined && jsonEqual(unwrap(parseWandbJson(raw)), value);
    parts.push(`${JSON.stringify(key)}:${untouched ? raw : stringifyWandbJson(wrap(value))}`);
  }
  return `{${parts.join(',')}}`;
}
