import type { ColumnMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import type { FlatColumnSpec } from './flat-chunk';
import { FLAT_TYPES, LITTLE_ENDIAN, type FlatType } from './plain-numbers';

/** Encodings a flat chunk may list: values PLAIN or by dictionary, levels RLE. */
const FLAT_ENCODINGS = new Set(['PLAIN', 'RLE', 'RLE_DICTIONARY', 'PLAIN_DICTIONARY', 'BIT_PACKED']);

/** Signed integer annotations: values as stored (DuckDB writes INT_32 and INT_64 on its integers). */
const SIGNED = new Set(['INT_8', 'INT_16', 'INT_32', 'INT_64']);

/** No annotation, or one that leaves a number as stored (signed integers). */
function plainNumber(element: SchemaElement): boolean {
  const logical = element.logical_type;
  const converted = element.converted_type;
  if (logical !== undefined && !(logical.type === 'INTEGER' && logical.isSigned)) return false;
  return (
    converted === undefined ||
    (element.type !== 'DOUBLE' && element.type !== 'FLOAT' && SIGNED.has(converted))
  );
}

/**
 * What the flat decoder needs for a column chunk it decodes (W&B's common case: a top-level
 * OPTIONAL or REQUIRED DOUBLE, FLOAT, INT32 or INT64 (signed integer annotations allowed), PLAIN or dictionary,
 * SNAPPY or uncompressed), else null: hyparquet decodes that chunk.
 */
export function flatColumnSpec(node: SchemaTree, meta: ColumnMetaData | undefined): FlatColumnSpec | null {
  const { element } = node;
  const type = element.type;
  if (
    !LITTLE_ENDIAN ||
    !meta ||
    node.children.length > 0 ||
    type === undefined ||
    !(type in FLAT_TYPES) ||
    !plainNumber(element) ||
    (element.repetition_type !== 'OPTIONAL' && element.repetition_type !== 'REQUIRED') ||
    (meta.codec !== 'SNAPPY' && meta.codec !== 'UNCOMPRESSED') ||
    !meta.encodings.every((e) => FLAT_ENCODINGS.has(e))
  ) {
    return null;
  }
  return { type: type as FlatType, optional: element.repetition_type === 'OPTIONAL', codec: meta.codec };
}

/** Byte range `[start, end)` of a column chunk in its file (dictionary page included). */
export function chunkRange(meta: ColumnMetaData): { start: number; end: number } {
  const data = Number(meta.data_page_offset);
  const dictionary = meta.dictionary_page_offset === undefined ? data : Number(meta.dictionary_page_offset);
  // Some writers put 0 for "no dictionary": the chunk starts at the first page either way.
  const start = dictionary > 0 && dictionary < data ? dictionary : data;
  return { start, end: start + Number(meta.total_compressed_size) };
}
