/** How a Parquet column of an export stores its values. */
export type ParquetValueKind = 'int64' | 'double' | 'boolean' | 'string' | 'json';

/** One column of an exported Parquet file. */
export interface ParquetColumn {
  /** Column name in the file: the path joined with dots (`train.lr`), `_` added if taken. */
  name: string;
  /** Where its values sit in a history row (`['train', 'lr']`). */
  path: string[];
  /** How the values are stored; `json` is UTF-8 JSON text of each value. */
  kind: ParquetValueKind;
}

type Category = 'integer' | 'number' | 'boolean' | 'string' | 'json';

/** A plain, non-empty JSON object that is not a W&B typed value (`{ _type: 'histogram', ... }`). */
function isFlattened(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record._type === 'string') return false;
  for (const _key in record) return true;
  return false;
}

/**
 * Calls `visit` with the path and value of every leaf of a history row: nested plain objects
 * are walked into (dotted columns); W&B typed values, empty objects, arrays and scalars are leaves.
 */
export function forEachLeaf(
  row: Record<string, unknown>,
  visit: (path: string[], value: unknown) => void,
  prefix: string[] = [],
): void {
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const path = [...prefix, key];
    if (isFlattened(value)) forEachLeaf(value, visit, path);
    else visit(path, value);
  }
}

/** A key for a leaf path (top-level keys as themselves, deeper ones as JSON after a NUL). */
export function pathKey(path: readonly string[]): string {
  return path.length === 1 ? (path[0] as string) : `\u0000${JSON.stringify(path)}`;
}

function categoryOf(value: unknown): Category {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      // null (which a Parquet null could not tell from "not logged"), arrays, objects.
      return 'json';
  }
}

/**
 * Decides the columns of a Parquet export from the rows it will hold: one column per leaf
 * path, in order of first appearance (`_step` first). A path whose values all have one type
 * gets that type (`_step` INT64 when every value is an integer, other numbers DOUBLE); any other
 * path (mixed types, explicit nulls, arrays, typed values) gets JSON text, so no value is lost.
 */
export class ParquetColumnPlanner {
  private readonly leaves = new Map<string, { path: string[]; categories: Set<Category> }>();

  /** Records the leaves of one history row. */
  add(row: Record<string, unknown>): void {
    forEachLeaf(row, (path, value) => {
      const key = pathKey(path);
      let leaf = this.leaves.get(key);
      if (!leaf) {
        leaf = { path, categories: new Set() };
        this.leaves.set(key, leaf);
      }
      leaf.categories.add(categoryOf(value));
    });
  }

  /**
   * The columns, `_step` first (INT64 and all null when no row has it). `reserved` names (the combined file's `run_id`) are never given to a path;
   * a path whose dotted name is taken (a key `a.b` beside `a: { b }`) gets `_` appended until free.
   */
  columns(reserved: readonly string[] = []): ParquetColumn[] {
    const taken = new Set(reserved);
    const entries = [...this.leaves.values()];
    const step = entries.findIndex((leaf) => leaf.path.length === 1 && leaf.path[0] === '_step');
    // `_step` always comes first, even in a file without rows (readers refuse zero-column files).
    const [stepLeaf] =
      step === -1
        ? [{ path: ['_step'], categories: new Set<Category>(['integer']) }]
        : entries.splice(step, 1);
    entries.unshift(stepLeaf as (typeof entries)[number]);
    return entries.map(({ path, categories }) => {
      let name = path.join('.');
      while (taken.has(name)) name += '_';
      taken.add(name);
      return { name, path, kind: resolveKind(path, categories) };
    });
  }
}

function resolveKind(path: readonly string[], categories: ReadonlySet<Category>): ParquetValueKind {
  const isStep = path.length === 1 && path[0] === '_step';
  if (categories.size === 1) {
    const [only] = categories;
    if (only === 'integer') return isStep ? 'int64' : 'double';
    if (only === 'number') return 'double';
    if (only === 'boolean' || only === 'string') return only;
    return 'json';
  }
  if (categories.size === 2 && categories.has('integer') && categories.has('number')) return 'double';
  return 'json';
}
