// Column chunks built page by page for the flat decoder's unit tests: each page version, level
// encoding, codec and dictionary, written with hyparquet-writer's Thrift and hybrid encoders
// (page layout: https://parquet.apache.org/docs/file-format/data-pages/).
import { ByteWriter } from 'hyparquet-writer';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { serializeTCompactProtocol } from 'hyparquet-writer/src/thrift.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';

/** Physical types of the flat decoder. */
export type PageType = 'DOUBLE' | 'FLOAT' | 'INT32' | 'INT64';

/** One data page: its rows (null for a Parquet null), version, codec and value encoding. */
export interface PageSpec {
  rows: (number | bigint | null)[];
  version: 1 | 2;
  codec: 'SNAPPY' | 'UNCOMPRESSED';
  /** Values as indices into the chunk's dictionary (which must hold each of them). */
  dictionary?: boolean;
  /** The value encoding's name in the header, when not PLAIN or dictionary (to test refusals). */
  encoding?: number;
}

const PAGE = { DATA_PAGE: 0, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 };
const ENCODING = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 };

function plain(type: PageType, values: readonly (number | bigint)[]): Uint8Array {
  const w = new ByteWriter();
  for (const v of values) {
    if (type === 'DOUBLE') w.appendFloat64(Number(v));
    else if (type === 'FLOAT') w.appendFloat32(Number(v));
    else if (type === 'INT32') w.appendInt32(Number(v));
    else w.appendInt64(BigInt(v));
  }
  return w.getBytes();
}

function hybrid(values: readonly number[], width: number): Uint8Array {
  const w = new ByteWriter();
  writeRleBitPackedHybrid(w, [...values], width);
  return w.getBytes();
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function compress(bytes: Uint8Array, codec: PageSpec['codec']): Uint8Array {
  return codec === 'SNAPPY' ? snappyCompress(bytes) : bytes;
}

function header(fields: Record<string, unknown>): Uint8Array {
  const w = new ByteWriter();
  serializeTCompactProtocol(w, fields as never);
  return w.getBytes();
}

/** A little-endian u32. */
function u32(n: number): Uint8Array {
  return new Uint8Array(new Uint32Array([n]).buffer);
}

function dataPage(
  type: PageType,
  optional: boolean,
  page: PageSpec,
  dictionary: readonly (number | bigint)[],
): Uint8Array {
  const present = page.rows.filter((v): v is number | bigint => v !== null);
  const levels = optional
    ? hybrid(
        page.rows.map((v) => (v === null ? 0 : 1)),
        1,
      )
    : new Uint8Array(0);
  const encoding = page.encoding ?? (page.dictionary ? ENCODING.RLE_DICTIONARY : ENCODING.PLAIN);
  let values: Uint8Array;
  if (page.dictionary) {
    const width = Math.max(1, Math.ceil(Math.log2(dictionary.length)));
    values = concat(
      new Uint8Array([width]),
      hybrid(
        present.map((v) => dictionary.indexOf(v)),
        width,
      ),
    );
  } else values = plain(type, present);
  if (page.version === 1) {
    const body = optional ? concat(u32(levels.length), levels, values) : values;
    const stored = compress(body, page.codec);
    const fields = {
      field_1: PAGE.DATA_PAGE,
      field_2: body.length,
      field_3: stored.length,
      field_5: { field_1: page.rows.length, field_2: encoding, field_3: ENCODING.RLE, field_4: ENCODING.RLE },
    };
    return concat(header(fields), stored);
  }
  const stored = compress(values, page.codec);
  const fields = {
    field_1: PAGE.DATA_PAGE_V2,
    field_2: levels.length + values.length,
    field_3: levels.length + stored.length,
    field_8: {
      field_1: page.rows.length,
      field_2: page.rows.length - present.length,
      field_3: page.rows.length,
      field_4: encoding,
      field_5: levels.length,
      field_6: 0,
      field_7: page.codec !== 'UNCOMPRESSED',
    },
  };
  return concat(header(fields), levels, stored);
}

/**
 * A column chunk of `type` (OPTIONAL when `optional`): a dictionary page first when `dictionary`
 * is given (PLAIN, compressed with the first page's codec), then the data pages, whose
 * dictionary-encoded values are indices into `pageDictionary` (to test a mismatch).
 */
export function columnChunk(
  type: PageType,
  optional: boolean,
  pages: readonly PageSpec[],
  dictionary: readonly (number | bigint)[] = [],
  pageDictionary: readonly (number | bigint)[] = dictionary,
): Uint8Array {
  const parts: Uint8Array[] = [];
  if (dictionary.length > 0) {
    const body = plain(type, dictionary);
    const stored = compress(body, pages[0]?.codec ?? 'UNCOMPRESSED');
    const fields = {
      field_1: PAGE.DICTIONARY_PAGE,
      field_2: body.length,
      field_3: stored.length,
      field_7: { field_1: dictionary.length, field_2: ENCODING.PLAIN },
    };
    parts.push(header(fields), stored);
  }
  for (const page of pages) parts.push(dataPage(type, optional, page, pageDictionary));
  return concat(...parts);
}
