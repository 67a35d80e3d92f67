import { normalizeDate } from '../query/run-columns';
import { FixtureError } from './fixture-error';

const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the fields of one fixture object, checking types and rejecting unknown keys, with
 * errors that name the field's path.
 */
export class FixtureReader {
  private readonly value: Record<string, unknown>;

  constructor(
    value: unknown,
    /** Path of the object, e.g. `runs[3]` (empty for the top level). */
    readonly path: string,
    allowed: readonly string[],
  ) {
    if (!isRecord(value)) throw new FixtureError(path || '(root)', `expected an object, got ${kind(value)}`);
    this.value = value;
    const unknown = Object.keys(value).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw new FixtureError(this.at(unknown), 'unknown field');
  }

  /** Path of a field (the top-level object has the empty path). */
  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** True when the field is present (even if null). */
  has(key: string): boolean {
    return key in this.value;
  }

  /** The raw value of a field. */
  raw(key: string): unknown {
    return this.value[key];
  }

  /** A required non-empty string. */
  string(key: string): string {
    const v = this.value[key];
    if (typeof v !== 'string' || v === '') {
      throw new FixtureError(
        this.at(key),
        v === undefined ? 'is required' : `expected a non-empty string, got ${kind(v)}`,
      );
    }
    return v;
  }

  /** An optional string (or null), with a default when absent. */
  optionalString<T extends string | null>(key: string, fallback: T): string | T {
    const v = this.value[key];
    if (v === undefined) return fallback;
    if (v !== null && typeof v !== 'string')
      throw new FixtureError(this.at(key), `expected a string or null, got ${kind(v)}`);
    return v ?? fallback;
  }

  /** An optional boolean. */
  optionalBoolean(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new FixtureError(this.at(key), `expected a boolean, got ${kind(v)}`);
    return v;
  }

  /** An optional non-negative integer (or null). */
  optionalCount(key: string): number | null {
    const v = this.value[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new FixtureError(this.at(key), 'expected a non-negative integer');
    }
    return v;
  }

  /** An optional timestamp (ISO 8601), normalised to `YYYY-MM-DDTHH:MM:SS` UTC. */
  optionalTime<T extends string | null>(key: string, fallback: T): string | T {
    const v = this.optionalString(key, null);
    if (v === null) return fallback;
    const stored = normalizeDate(v);
    if (!STORED_TIME.test(stored))
      throw new FixtureError(this.at(key), `"${v.slice(0, 40)}" is not an ISO timestamp`);
    return stored;
  }

  /** An optional object, `{}` when absent. */
  record(key: string): Record<string, unknown> {
    const v = this.value[key];
    if (v === undefined) return {};
    if (!isRecord(v)) throw new FixtureError(this.at(key), `expected an object, got ${kind(v)}`);
    return v;
  }

  /** An optional array, `[]` when absent. */
  list(key: string): unknown[] {
    const v = this.value[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new FixtureError(this.at(key), `expected an array, got ${kind(v)}`);
    return v;
  }

  /** An optional array of strings. */
  strings(key: string): string[] {
    return this.list(key).map((item, i) => {
      if (typeof item !== 'string')
        throw new FixtureError(`${this.at(key)}[${i}]`, `expected a string, got ${kind(item)}`);
      return item;
    });
  }
}
