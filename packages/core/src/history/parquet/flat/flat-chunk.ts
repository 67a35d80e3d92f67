import type { PageHeader } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { FlatChunkError, NotFlatError, type ByteCursor } from './byte-cursor';
import { readHybrid } from './hybrid';
import { readPlainNumbers, type FlatType } from './plain-numbers';
import { snappyDecompress } from './snappy';

/** A flat number column: its values, and 1 where a row has one (0 for a Parquet null). */
export interface FloatColumn {
  values: Float64Array;
  present: Uint8Array;
}

/** What the flat decoder needs to know of a column chunk. */
export interface FlatColumnSpec {
  type: FlatType;
  /** OPTIONAL (definition levels of one bit) rather than REQUIRED. */
  optional: boolean;
  codec: 'SNAPPY' | 'UNCOMPRESSED';
}

/** Decoding state of one chunk: its dictionary and a scratch buffer for a page's dense values. */
interface ChunkState {
  spec: FlatColumnSpec;
  out: FloatColumn;
  dictionary: Float64Array | null;
  dense: Float64Array;
}

/** Where pages are decompressed: one buffer, grown as needed (a page is read before the next). */
let scratch = new Uint8Array(1 << 16);

/**
 * The page's bytes, decompressed into `into` when given (it must be `size` long), else into the
 * shared scratch buffer (valid until the next page).
 */
function decompress(bytes: Uint8Array, size: number, spec: FlatColumnSpec, into?: Uint8Array): Uint8Array {
  if (spec.codec === 'UNCOMPRESSED') {
    if (bytes.length !== size)
      throw new FlatChunkError(`page is ${bytes.length} bytes, its header says ${size}`);
    return bytes;
  }
  // Snappy expands at most about 22 times (a 64-byte copy in a 3-byte tag): a bigger size is garbage.
  if (size > bytes.length * 24 + 64)
    throw new FlatChunkError(`page of ${bytes.length} bytes claims ${size} uncompressed`);
  if (!into && scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  const out = into ?? scratch.subarray(0, size);
  snappyDecompress(bytes, out);
  return out;
}

/**
 * The values of a data page's rows `[row, row + n)`, `count` of them not null (PLAIN or
 * dictionary indices): straight into the column when none is null, else dense into a scratch
 * buffer and then to the rows whose `present` is 1, in order.
 */
function readValues(
  state: ChunkState,
  encoding: string,
  bytes: Uint8Array,
  pos: number,
  row: number,
  n: number,
  count: number,
): void {
  const { values, present } = state.out;
  if (count !== n && state.dense.length < count) state.dense = new Float64Array(count);
  const target = count === n ? values.subarray(row, row + n) : state.dense;
  if (encoding === 'PLAIN') readPlainNumbers(bytes, pos, state.spec.type, count, target);
  else if (encoding === 'RLE_DICTIONARY' || encoding === 'PLAIN_DICTIONARY')
    readIndexed(state, bytes, pos, count, target);
  else throw new NotFlatError(`data page encoding ${encoding}`);
  if (count === n) return;
  const { dense } = state;
  let k = 0;
  for (let r = row; r < row + n; r++) if (present[r] === 1) values[r] = dense[k++] as number;
}

/** `count` dictionary-encoded values (bit width, then hybrid indices) into `target[0, count)`. */
function readIndexed(
  state: ChunkState,
  bytes: Uint8Array,
  pos: number,
  count: number,
  target: Float64Array,
): void {
  const { dictionary } = state;
  if (!dictionary) throw new FlatChunkError('dictionary-encoded page without a dictionary page');
  if (count === 0) return;
  const width = bytes[pos] as number;
  if (width > 32) throw new FlatChunkError(`dictionary index width ${width}`);
  const indices = new Uint32Array(count);
  readHybrid({ bytes, pos: pos + 1 }, bytes.length, width, count, indices, 0);
  for (let i = 0; i < count; i++) {
    const index = indices[i] as number;
    if (index >= dictionary.length) throw new FlatChunkError(`dictionary index ${index} out of range`);
    target[i] = dictionary[index] as number;
  }
}

/**
 * Where a page's values can be decompressed straight into its rows of the column: DOUBLE values,
 * PLAIN, SNAPPY, none null, `size` bytes of them (the flat decoder runs on little-endian hosts
 * only, where those bytes are the column's `Float64Array` as it is). Else null: decompressed into
 * the scratch buffer and read from there. Saves a copy of every value of W&B's float columns.
 */
function directTarget(
  state: ChunkState,
  encoding: string,
  row: number,
  n: number,
  count: number,
  size: number,
): Uint8Array | null {
  const { spec } = state;
  if (spec.codec !== 'SNAPPY' || spec.type !== 'DOUBLE' || encoding !== 'PLAIN') return null;
  if (count !== n || size !== n * 8) return null;
  const { values } = state.out;
  return new Uint8Array(values.buffer, values.byteOffset + row * 8, n * 8);
}

/** Definition levels (0 or 1) of `n` rows into `present` from `row`; answers how many are 1. */
function readLevels(state: ChunkState, cursor: ByteCursor, end: number, row: number, n: number): number {
  const { present } = state.out;
  readHybrid(cursor, end, 1, n, present, row);
  let count = 0;
  for (let r = row; r < row + n; r++) {
    const level = present[r] as number;
    if (level > 1) throw new FlatChunkError(`definition level ${level} in a flat column`);
    count += level;
  }
  return count;
}

/** Rows `[row, row + n)` of a REQUIRED column: all present. */
function allPresent(state: ChunkState, row: number, n: number): void {
  state.out.present.fill(1, row, row + n);
}

function dataPageV1(state: ChunkState, header: PageHeader, body: Uint8Array, row: number): number {
  const page = header.data_page_header;
  if (!page) throw new FlatChunkError('data page without its header');
  const n = page.num_values;
  if (!state.spec.optional) {
    const direct = directTarget(state, page.encoding, row, n, n, header.uncompressed_page_size);
    if (direct) {
      allPresent(state, row, n);
      decompress(body, header.uncompressed_page_size, state.spec, direct);
      return n;
    }
  }
  const bytes = decompress(body, header.uncompressed_page_size, state.spec);
  const cursor = { bytes, pos: 0 };
  if (state.spec.optional) {
    if (page.definition_level_encoding !== 'RLE') {
      throw new NotFlatError(`definition levels encoded ${page.definition_level_encoding}`);
    }
    if (bytes.length < 4) throw new FlatChunkError('page too short for its levels');
    const length =
      (bytes[0] as number) |
      ((bytes[1] as number) << 8) |
      ((bytes[2] as number) << 16) |
      ((bytes[3] as number) * 2 ** 24);
    const end = 4 + length;
    if (end > bytes.length) throw new FlatChunkError('definition levels run past their page');
    cursor.pos = 4;
    const count = readLevels(state, cursor, end, row, n);
    readValues(state, page.encoding, bytes, end, row, n, count);
  } else {
    allPresent(state, row, n);
    readValues(state, page.encoding, bytes, 0, row, n, n);
  }
  return n;
}

function dataPageV2(state: ChunkState, header: PageHeader, body: Uint8Array, row: number): number {
  const page = header.data_page_header_v2;
  if (!page) throw new FlatChunkError('data page v2 without its header');
  if (page.repetition_levels_byte_length !== 0) throw new NotFlatError('repetition levels');
  const n = page.num_values;
  const levels = page.definition_levels_byte_length;
  if (levels > body.length) throw new FlatChunkError('definition levels run past their page');
  let count = n;
  if (state.spec.optional) count = readLevels(state, { bytes: body, pos: 0 }, levels, row, n);
  else allPresent(state, row, n);
  if (count !== n - page.num_nulls) throw new FlatChunkError('null count differs from the definition levels');
  const rest = body.subarray(levels);
  const size = header.uncompressed_page_size - levels;
  const direct =
    page.is_compressed === false ? null : directTarget(state, page.encoding, row, n, count, size);
  if (direct) {
    decompress(rest, size, state.spec, direct);
    return n;
  }
  const bytes = page.is_compressed === false ? rest : decompress(rest, size, state.spec);
  readValues(state, page.encoding, bytes, 0, row, n, count);
  return n;
}

function dictionaryPage(state: ChunkState, header: PageHeader, body: Uint8Array): void {
  const page = header.dictionary_page_header;
  if (!page) throw new FlatChunkError('dictionary page without its header');
  if (page.encoding !== 'PLAIN' && page.encoding !== 'PLAIN_DICTIONARY') {
    throw new NotFlatError(`dictionary encoding ${page.encoding}`);
  }
  const bytes = decompress(body, header.uncompressed_page_size, state.spec);
  const dictionary = new Float64Array(page.num_values);
  readPlainNumbers(bytes, 0, state.spec.type, page.num_values, dictionary);
  state.dictionary = dictionary;
}

/**
 * Decodes the column chunk in `chunk` (its pages, dictionary first if any) of a flat column
 * into `out` for rows `[0, rows)`: values into a Float64Array, nulls as 0 in `present`, no value
 * boxed. Data pages v1 and v2, PLAIN or dictionary values, SNAPPY or uncompressed.
 *
 * @throws NotFlatError for what it leaves to hyparquet, FlatChunkError for bytes that do not
 * hold what their headers say.
 */
export function decodeFlatChunk(
  chunk: Uint8Array,
  spec: FlatColumnSpec,
  out: FloatColumn,
  rows: number,
): void {
  const state: ChunkState = { spec, out, dictionary: null, dense: new Float64Array(0) };
  const reader = { view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), offset: 0 };
  let row = 0;
  while (row < rows) {
    if (reader.offset >= chunk.length) throw new FlatChunkError(`chunk ends after ${row} of ${rows} rows`);
    const header = parquetHeader(reader);
    const start = reader.offset;
    const size = header.compressed_page_size;
    const end = start + size;
    if (!(size >= 0) || !(header.uncompressed_page_size >= 0) || end > chunk.length) {
      throw new FlatChunkError('page runs past its chunk');
    }
    reader.offset = end;
    const body = chunk.subarray(start, end);
    if (header.type === 'DICTIONARY_PAGE') dictionaryPage(state, header, body);
    else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
      const n =
        header.type === 'DATA_PAGE'
          ? header.data_page_header?.num_values
          : header.data_page_header_v2?.num_values;
      if (n === undefined || row + n > rows)
        throw new FlatChunkError(`pages hold more than the group's ${rows} rows`);
      row +=
        header.type === 'DATA_PAGE'
          ? dataPageV1(state, header, body, row)
          : dataPageV2(state, header, body, row);
    }
    // Index pages and unknown page types hold no rows.
  }
}
