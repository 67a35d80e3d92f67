import { parseWandbJson } from '../util/wandb-json';

/** Number of history keys per run that get a bit in `history.mask` (exact in a double). */
export const MASK_BITS = 53;

interface KeyInfo {
  previousValue: unknown;
  typeCounts: Record<string, number>;
}

function typeName(value: unknown): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

/**
 * Follows the keys of a run's history as rows are written: assigns mask bits, remembers each
 * key's last value and type counts, and the last step; serialises to the `historyKeys` JSON.
 */
export class HistoryKeyTracker {
  private readonly bits: Map<string, number>;
  private readonly keys: Map<string, KeyInfo>;
  lastStep: number | null;

  constructor(bitsJson = '{}', keysJson = '{"keys":{}}') {
    this.bits = new Map(Object.entries(JSON.parse(bitsJson) as Record<string, number>));
    const parsed = parseWandbJson(keysJson) as {
      lastStep?: number;
      keys?: Record<string, { previousValue: unknown; typeCounts?: { type: string; count: number }[] }>;
    };
    this.lastStep = typeof parsed.lastStep === 'number' ? parsed.lastStep : null;
    this.keys = new Map();
    for (const [key, info] of Object.entries(parsed.keys ?? {})) {
      const typeCounts: Record<string, number> = {};
      for (const t of info.typeCounts ?? []) typeCounts[t.type] = t.count;
      this.keys.set(key, { previousValue: info.previousValue, typeCounts });
    }
  }

  /** Records one row and returns its mask (one bit per key present, for the first 53 keys). */
  add(row: Record<string, unknown>, step: number): number {
    let mask = 0;
    for (const key in row) {
      const value = row[key];
      let bit = this.bits.get(key);
      if (bit === undefined && this.bits.size < MASK_BITS) {
        bit = this.bits.size;
        this.bits.set(key, bit);
      }
      if (bit !== undefined) mask += 2 ** bit;
      let info = this.keys.get(key);
      if (!info) {
        info = { previousValue: value, typeCounts: {} };
        this.keys.set(key, info);
      }
      info.previousValue = value;
      const type = typeName(value);
      info.typeCounts[type] = (info.typeCounts[type] ?? 0) + 1;
    }
    if (this.lastStep === null || step > this.lastStep) this.lastStep = step;
    return mask;
  }

  /** JSON of the key-to-bit map, stored in `runs.history_key_bits`. */
  bitsJson(): string {
    return JSON.stringify(Object.fromEntries(this.bits));
  }

  /** The `historyKeys` value: `{lastStep, keys: {k: {previousValue, typeCounts}}}`. */
  historyKeys(): Record<string, unknown> {
    const keys: Record<string, unknown> = {};
    for (const [key, info] of this.keys) {
      keys[key] = {
        previousValue: info.previousValue,
        typeCounts: Object.entries(info.typeCounts).map(([type, count]) => ({ type, count })),
      };
    }
    return this.lastStep === null ? { keys } : { lastStep: this.lastStep, keys };
  }
}

/** Mask and leftover keys (without a bit) for "rows having all of these keys". */
export function maskFor(bitsJson: string, keys: readonly string[]): { mask: number; unmasked: string[] } {
  const bits = JSON.parse(bitsJson) as Record<string, number>;
  let mask = 0;
  const unmasked: string[] = [];
  for (const key of new Set(keys)) {
    const bit = bits[key];
    if (bit === undefined) unmasked.push(key);
    else mask += 2 ** bit;
  }
  return { mask, unmasked };
}
