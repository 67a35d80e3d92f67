/** A position in a byte array, moved forward by the readers of a page. */
export interface ByteCursor {
  bytes: Uint8Array;
  pos: number;
}

/** Thrown by the flat decoder for bytes that do not hold what their header says. */
export class FlatChunkError extends Error {
  override readonly name = 'FlatChunkError';
}

/**
 * Thrown by the flat decoder for what it does not decode (an encoding other than PLAIN or
 * dictionary, an INT64 beyond the safe integers): the column is decoded by hyparquet instead.
 */
export class NotFlatError extends Error {
  override readonly name = 'NotFlatError';
}

/** An unsigned LEB128 varint at the cursor (up to 2^53, without 32-bit overflow). */
export function readVarint(cursor: ByteCursor, end: number): number {
  const { bytes } = cursor;
  let value = 0;
  let scale = 1;
  for (;;) {
    if (cursor.pos >= end) throw new FlatChunkError('varint runs past its page');
    const byte = bytes[cursor.pos++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
    if (scale > 2 ** 56) throw new FlatChunkError('varint too long');
  }
}
