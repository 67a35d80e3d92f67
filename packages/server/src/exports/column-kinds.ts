/** How one column (or struct field) of an export is stored. */
export type ColumnKind =
  | { kind: 'double' }
  | { kind: 'boolean' }
  | { kind: 'string' }
  /** BYTE_ARRAY without annotation holding UTF-8 JSON text (W&B's "binary fields are JSON"). */
  | { kind: 'json' }
  /** A list of DOUBLE. */
  | { kind: 'list' }
  /** A struct of `_type_<kind>` fields, exactly one non-null per present value. */
  | { kind: 'union'; members: UnionMember[] }
  | { kind: 'struct'; fields: [string, ColumnKind][] };

/** Members of a `_type_*` union struct. */
export type UnionMember = 'number' | 'string' | 'boolean' | 'json';

type Category = 'number' | 'boolean' | 'string' | 'object' | 'array';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A W&B typed value (`{"_type": "histogram", ...}`), kept whole as one struct column. */
export function isTypedValue(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && typeof value._type === 'string';
}

/**
 * Collects the values of one column to decide its {@link ColumnKind}: a single JSON type gives
 * a typed column, anything mixed (or an explicit null, which a Parquet null could not tell
 * from "not logged") gives binary JSON or a `_type_*` union.
 */
export class KindCollector {
  private readonly categories = new Set<Category>();
  private sawNull = false;
  private sawEmptyObject = false;
  private nonNumericArray = false;
  private readonly fields = new Map<string, KindCollector>();

  /** Records one present value (`undefined` = not logged, ignored). */
  add(value: unknown): void {
    if (value === undefined) return;
    if (value === null) {
      this.sawNull = true;
      return;
    }
    if (Array.isArray(value)) {
      this.categories.add('array');
      if (!this.nonNumericArray && !value.every((v) => typeof v === 'number')) this.nonNumericArray = true;
      return;
    }
    switch (typeof value) {
      case 'number':
      case 'bigint':
        this.categories.add('number');
        return;
      case 'boolean':
        this.categories.add('boolean');
        return;
      case 'string':
        this.categories.add('string');
        return;
      default:
        break;
    }
    this.categories.add('object');
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) this.sawEmptyObject = true;
    for (const [key, field] of entries) {
      let collector = this.fields.get(key);
      if (!collector) {
        collector = new KindCollector();
        this.fields.set(key, collector);
      }
      collector.add(field);
    }
  }

  /** The kind of the column; `mixed` chooses binary JSON or a `_type_*` union for mixed columns. */
  resolve(mixed: 'json' | 'union'): ColumnKind {
    const single = this.categories.size === 1 && !this.sawNull ? [...this.categories][0] : undefined;
    switch (single) {
      case 'number':
        return { kind: 'double' };
      case 'boolean':
        return { kind: 'boolean' };
      case 'string':
        return { kind: 'string' };
      case 'array':
        return this.nonNumericArray ? { kind: 'json' } : { kind: 'list' };
      case 'object':
        if (this.sawEmptyObject) return { kind: 'json' };
        return {
          kind: 'struct',
          fields: [...this.fields].map(([name, collector]) => [name, collector.resolve(mixed)]),
        };
      default:
        break;
    }
    if (mixed === 'json' || this.categories.size === 0) return { kind: 'json' };
    const members = new Set<UnionMember>();
    for (const category of this.categories) {
      members.add(category === 'object' || category === 'array' ? 'json' : category);
    }
    return { kind: 'union', members: [...members] };
  }
}

/** True for kinds written as a group (read back as nested values). */
export function isNestedKind(kind: ColumnKind): boolean {
  return kind.kind === 'struct' || kind.kind === 'union' || kind.kind === 'list';
}

/**
 * The columns of one history row: `[column name, value]`. With dotted nesting, plain dicts are
 * flattened into `parent.child` names (W&B flattens the top level the same way); `_type` values,
 * empty dicts and everything else stay one value. With struct nesting every top-level key is one
 * column. `_step` is left out.
 */
export function rowColumns(row: Record<string, unknown>, nesting: 'dotted' | 'struct'): [string, unknown][] {
  const out: [string, unknown][] = [];
  const visit = (prefix: string, value: unknown): void => {
    if (nesting === 'dotted' && isPlainObject(value) && !isTypedValue(value)) {
      const entries = Object.entries(value);
      if (entries.length > 0) {
        for (const [key, child] of entries) visit(`${prefix}.${key}`, child);
        return;
      }
    }
    out.push([prefix, value]);
  };
  for (const [key, value] of Object.entries(row)) if (key !== '_step') visit(key, value);
  return out;
}
