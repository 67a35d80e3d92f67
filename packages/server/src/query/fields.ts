import { FilterError } from './filter-error';
import { jsonPath } from './json-path';
import { type Operand, booleanOperand, columnOperand, jsonOperand } from './operand';
import { RUN_COLUMNS, type RunColumn, normalizeDate } from './run-columns';
import { FALSE, type Sql, TRUE, raw, sql } from './sql';

/** Where a field path points: a run column, a value inside a JSON column, or a tag flag. */
export type FieldTarget =
  | { kind: 'column'; column: RunColumn }
  | { kind: 'json'; doc: Sql; path: string; missing?: Sql }
  | { kind: 'tags' }
  | { kind: 'hasTag'; tag: string };

const TAGS = raw('r.tags');
const SUMMARY_PREFIXES = ['summary_metrics', 'summaryMetrics', 'summary'];
const SYSTEM_PREFIXES = ['system_metrics', 'systemMetrics'];

function rest(field: string, prefix: string): string {
  const tail = field.slice(prefix.length + 1);
  if (tail === '') throw new FilterError(`Field "${field}" needs a key after "${prefix}."`);
  return tail;
}

/**
 * Resolves a field path of the filter/order language:
 * run columns (camelCase or snake_case), `tags`, `tags.<tag>`, `config.<k>[.value][.<sub>...]`,
 * `summary_metrics.<k>[.<sub>...]` (alias `summary.`), `system_metrics.<key>` and
 * `keys_info.keys.<history key>`.
 */
export function resolveTarget(field: string): FieldTarget {
  const column = RUN_COLUMNS.get(field);
  if (column) return { kind: 'column', column };
  if (field === 'tags') return { kind: 'tags' };
  const head = field.split('.', 1)[0] as string;
  if (head === 'tags') return { kind: 'hasTag', tag: rest(field, 'tags') };
  if (head === 'config') {
    const [key, ...more] = rest(field, 'config').split('.');
    const inner = more[0] === 'value' ? more.slice(1) : more;
    return { kind: 'json', doc: raw('r.config'), path: jsonPath([key as string, 'value', ...inner]) };
  }
  if (SUMMARY_PREFIXES.includes(head)) {
    return { kind: 'json', doc: raw('r.summary_metrics'), path: jsonPath(rest(field, head).split('.')) };
  }
  if (SYSTEM_PREFIXES.includes(head)) {
    // System metric keys are flat and themselves dotted (`system.gpu.0.gpu`).
    return { kind: 'json', doc: raw('r.system_metrics'), path: jsonPath([rest(field, head)]) };
  }
  if (field.startsWith('keys_info.keys.')) {
    // History keys are flattened with dots, so the remainder is one key of `history_keys.keys`.
    return {
      kind: 'json',
      doc: raw('r.history_keys'),
      path: jsonPath(['keys', rest(field, 'keys_info.keys')]),
    };
  }
  throw new FilterError(`Unknown field "${field}"`);
}

/** The filter operand of a field path. */
export function resolveOperand(field: string): Operand {
  const target = resolveTarget(field);
  switch (target.kind) {
    case 'column': {
      const { column } = target;
      if (column.kind === 'boolean') return booleanOperand(field, column.expr);
      return columnOperand(field, column.expr, column.kind, column.date ? normalizeDate : undefined);
    }
    case 'json':
      return jsonOperand(field, target.doc, target.path, target.missing);
    case 'tags':
      // Mongo array semantics, except that an empty tag list counts as "no tags" (missing). The
      // column always holds an array, so type tests are settled here and dead branches vanish.
      return {
        ...jsonOperand(field, TAGS, '$', sql`json_array_length(${TAGS}) = 0`),
        typeIn: (types) => (types.includes('array') ? TRUE : FALSE),
      };
    case 'hasTag':
      return booleanOperand(field, hasTag(target.tag));
  }
}

/** 1 when the run carries `tag`, else 0. */
export function hasTag(tag: string): Sql {
  return sql`EXISTS (SELECT 1 FROM json_each(${TAGS}) AS t WHERE t.value = ${tag})`;
}
