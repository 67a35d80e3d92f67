import type { Compressors, FileMetaData } from 'hyparquet';
import { ParquetHistoryFormatError } from './parquet-history-format-error';

/** Codecs hyparquet decodes by itself. */
const BUILT_IN = new Set(['UNCOMPRESSED', 'SNAPPY']);

/**
 * The decompressors a file needs beyond SNAPPY: none for SNAPPY or uncompressed files (W&B's and
 * this server's), else hyparquet-compressors (GZIP, BROTLI, ZSTD, LZ4), loaded only then so that
 * pages never download it for the common case.
 *
 * @throws ParquetHistoryFormatError for a codec nothing here decodes (LZO).
 */
export async function decompressorsFor(
  metadata: FileMetaData,
  file: string,
): Promise<Compressors | undefined> {
  const needed = new Set<string>();
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec && !BUILT_IN.has(codec)) needed.add(codec);
    }
  }
  if (needed.size === 0) return undefined;
  const { compressors } = await import('hyparquet-compressors');
  for (const codec of needed) {
    if (!(codec in compressors)) {
      throw new ParquetHistoryFormatError(
        `${file} is compressed with ${codec}, which this reader does not decode`,
      );
    }
  }
  return compressors as Compressors;
}
