import type { ColumnMetaData } from 'hyparquet';
import { ParquetHistoryFormatError } from '../parquet-history-format-error';
import type { RangeFile } from '../range-file';
import { NotFlatError } from './byte-cursor';
import { decodeFlatChunk, type FlatColumnSpec, type FloatColumn } from './flat-chunk';
import { chunkRange } from './flat-spec';

/** A column of a row group for the flat decoder: its name, spec and chunk metadata. */
export interface FlatChunkJob {
  name: string;
  spec: FlatColumnSpec;
  meta: ColumnMetaData;
}

/** Chunks next to each other in the file, fetched with one request. */
interface Span {
  start: number;
  end: number;
  jobs: { job: FlatChunkJob; start: number; end: number }[];
}

/**
 * Buffers that chunks were read into, kept for the next row groups (a group's bytes are garbage
 * once decoded): reading into memory already in use saves allocating, and first touching, a
 * megabyte or so per group. A few of them, none larger than 8 MiB.
 */
const spare: Uint8Array[] = [];
const SPARE_COUNT = 4;
const SPARE_MAX_BYTES = 8 * 1024 * 1024;

function borrow(size: number): Uint8Array {
  const at = spare.findIndex((buffer) => buffer.length >= size);
  if (at >= 0) return spare.splice(at, 1)[0] as Uint8Array;
  // A quarter more, in 64 KiB steps: the next groups' chunks are rarely exactly as long.
  return new Uint8Array(Math.ceil((size * 1.25) / 65536) * 65536);
}

function giveBack(buffer: Uint8Array): void {
  if (spare.length < SPARE_COUNT && buffer.length <= SPARE_MAX_BYTES) spare.push(buffer);
}

function spans(jobs: readonly FlatChunkJob[]): Span[] {
  const placed = jobs.map((job) => ({ job, ...chunkRange(job.meta) })).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const item of placed) {
    const last = out[out.length - 1];
    if (last && last.end === item.start) {
      last.end = item.end;
      last.jobs.push(item);
    } else out.push({ start: item.start, end: item.end, jobs: [item] });
  }
  return out;
}

/**
 * Fetches the chunks of `jobs` (adjacent ones with one ranged request) and decodes each into a
 * new {@link FloatColumn} of `rows` rows, set in `data` under its name. Answers the names of the
 * columns the flat decoder left to hyparquet (an encoding it does not read, an unsafe INT64).
 *
 * @throws ParquetHistoryFormatError naming the column, for a chunk whose bytes are corrupt.
 */
export async function readFlatColumns(
  source: RangeFile,
  jobs: readonly FlatChunkJob[],
  rows: number,
  data: Map<string, unknown>,
  where: string,
): Promise<string[]> {
  const left: string[] = [];
  const fetched = await Promise.all(
    spans(jobs).map(async (span) => {
      const into = borrow(span.end - span.start);
      return { span, into, bytes: await source.read(span.start, span.end, into) };
    }),
  );
  try {
    decodeSpans(fetched, rows, data, where, left);
  } finally {
    for (const { into } of fetched) giveBack(into);
  }
  return left;
}

/** Decodes the fetched spans' chunks (see {@link readFlatColumns}). */
function decodeSpans(
  fetched: readonly { span: Span; bytes: Uint8Array }[],
  rows: number,
  data: Map<string, unknown>,
  where: string,
  left: string[],
): void {
  for (const { span, bytes } of fetched) {
    for (const { job, start, end } of span.jobs) {
      const out: FloatColumn = { values: new Float64Array(rows), present: new Uint8Array(rows) };
      try {
        decodeFlatChunk(bytes.subarray(start - span.start, end - span.start), job.spec, out, rows);
      } catch (error) {
        if (error instanceof NotFlatError) {
          left.push(job.name);
          continue;
        }
        throw new ParquetHistoryFormatError(
          `${where}: column "${job.name}" could not be decoded (${(error as Error).message})`,
          { column: job.name, cause: error },
        );
      }
      data.set(job.name, out);
    }
  }
}
