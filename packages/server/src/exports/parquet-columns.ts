import type { SchemaElement } from 'hyparquet-writer';
import { stringifyWandbJson } from '../util/wandb-json';
import type { ColumnKind, UnionMember } from './column-kinds';

const UTF8 = new TextEncoder();

/** The Parquet schema elements (depth-first) of a nullable column of `kind`. */
export function schemaElements(name: string, kind: ColumnKind): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (kind.kind) {
    case 'double':
      return [{ ...optional, type: 'DOUBLE' }];
    case 'boolean':
      return [{ ...optional, type: 'BOOLEAN' }];
    case 'string':
      // Plain Utf8 (never large_string): the SDK's native reader cannot take 64-bit offsets.
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
    case 'json':
      return [{ ...optional, type: 'BYTE_ARRAY' }];
    case 'list':
      return [
        { ...optional, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'REQUIRED', type: 'DOUBLE' },
      ];
    case 'union':
      return [
        { ...optional, num_children: kind.members.length },
        ...kind.members.flatMap((member) => schemaElements(`_type_${member}`, memberKind(member))),
      ];
    case 'struct':
      return [
        { ...optional, num_children: kind.fields.length },
        ...kind.fields.flatMap(([field, fieldKind]) => schemaElements(field, fieldKind)),
      ];
  }
}

function memberKind(member: UnionMember): ColumnKind {
  if (member === 'number') return { kind: 'double' };
  return { kind: member };
}

function memberOf(value: unknown): UnionMember {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

/**
 * The value hyparquet-writer takes for a history value in a column of `kind`; null for
 * "not logged" (`undefined`). An explicit null survives only in JSON text or as a union whose
 * fields are all null.
 */
export function toParquetValue(value: unknown, kind: ColumnKind): unknown {
  if (value === undefined) return null;
  switch (kind.kind) {
    case 'double':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'boolean':
    case 'string':
    case 'list':
      return value;
    case 'json':
      return UTF8.encode(stringifyWandbJson(value));
    case 'union': {
      const out: Record<string, unknown> = {};
      const member = value === null ? null : memberOf(value);
      for (const m of kind.members)
        out[`_type_${m}`] = m === member ? toParquetValue(value, memberKind(m)) : null;
      return out;
    }
    case 'struct': {
      const object = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [field, fieldKind] of kind.fields) out[field] = toParquetValue(object[field], fieldKind);
      return out;
    }
  }
}
