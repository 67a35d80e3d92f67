import type { SchemaTree } from 'hyparquet';
import { parseWandbJson } from '../../json';
import { ParquetHistoryFormatError } from './parquet-history-format-error';

const UNSUPPORTED_CONVERTED = new Set([
  'DECIMAL',
  'DATE',
  'TIME_MILLIS',
  'TIME_MICROS',
  'TIMESTAMP_MILLIS',
  'TIMESTAMP_MICROS',
  'INTERVAL',
  'BSON',
]);
const UNSUPPORTED_LOGICAL = new Set([
  'DECIMAL',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'INTERVAL',
  'BSON',
  'UUID',
  'GEOMETRY',
  'GEOGRAPHY',
  'VARIANT',
  'UNKNOWN',
]);

/**
 * Checks that every leaf under `node` is a type this reader turns into history values:
 * booleans, integers, floats, strings, binary (JSON text) and groups of them (structs, lists,
 * maps). Timestamps, dates, decimals, INT96 and the like are refused with an error naming the
 * column, as the SDK's reader would silently give null for them.
 */
export function checkColumnType(node: SchemaTree, column: string): void {
  const { element } = node;
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (
    element.type === 'INT96' ||
    (converted !== undefined && UNSUPPORTED_CONVERTED.has(converted)) ||
    (logical !== undefined && UNSUPPORTED_LOGICAL.has(logical))
  ) {
    const type = logical ?? converted ?? element.type ?? 'group';
    throw new ParquetHistoryFormatError(
      `History export column "${column}" has type ${type}, which this reader does not decode`,
      { column },
    );
  }
  for (const child of node.children) checkColumnType(child, column);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** Binary values hold JSON text (W&B's "binary fields are serialized JSON"); other bytes become base64. */
function fromBinary(bytes: Uint8Array): unknown {
  try {
    return parseWandbJson(UTF8.decode(bytes));
  } catch {
    return base64(bytes);
  }
}

function isUnion(object: Record<string, unknown>): boolean {
  const keys = Object.keys(object);
  return keys.length > 0 && keys.every((k) => k.startsWith('_type_'));
}

/**
 * A decoded Parquet value as the history value it stands for; `undefined` for a Parquet null
 * ("not logged at this step"). An explicit null survives only inside JSON text, a list, or as a
 * `_type_*` union with no field set. Structs lose their null fields; an all-`_type_*` struct is
 * its one non-null field; INT64 becomes a number when it is a safe integer, else stays a BigInt.
 */
export function toHistoryValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value;
    default:
      break;
  }
  if (value instanceof Uint8Array) return fromBinary(value);
  if (Array.isArray(value)) return value.map((v) => toHistoryValue(v) ?? null);
  const object = value as Record<string, unknown>;
  if (isUnion(object)) {
    for (const field of Object.values(object)) {
      const decoded = toHistoryValue(field);
      if (decoded !== undefined) return decoded;
    }
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    const decoded = toHistoryValue(field);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}
