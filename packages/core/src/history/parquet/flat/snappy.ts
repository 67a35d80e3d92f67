import { FlatChunkError } from './byte-cursor';

/** Literals and copies at least this long are moved with `set`/`copyWithin` rather than a loop. */
const BLOCK = 16;

/**
 * Decompresses raw Snappy (https://github.com/google/snappy/blob/main/format_description.txt)
 * from `input` into `output`, which must be the uncompressed size. Long literals and copies
 * that do not overlap themselves are moved as blocks (W&B's float columns are mostly literals).
 *
 * @throws FlatChunkError for input that is not Snappy or does not fill `output` exactly.
 */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): void {
  const inputLength = input.length;
  let pos = 0;
  // The preamble: the uncompressed length as a varint.
  let declared = 0;
  for (let scale = 1; ; scale *= 128) {
    if (pos >= inputLength || scale > 2 ** 35) throw new FlatChunkError('snappy: bad length preamble');
    const byte = input[pos++] as number;
    declared += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
  }
  if (declared !== output.length)
    throw new FlatChunkError(`snappy: ${declared} bytes, the page says ${output.length}`);
  let out = 0;
  while (pos < inputLength) {
    const tag = input[pos++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let length = (tag >>> 2) + 1;
      if (length > 60) {
        const bytes = length - 60;
        if (pos + bytes > inputLength) throw new FlatChunkError('snappy: literal length past the input');
        length = 0;
        for (let b = 0; b < bytes; b++) length += (input[pos + b] as number) * 2 ** (8 * b);
        length += 1;
        pos += bytes;
      }
      if (pos + length > inputLength || out + length > output.length) {
        throw new FlatChunkError('snappy: literal past the input or the output');
      }
      if (length >= BLOCK) output.set(input.subarray(pos, pos + length), out);
      else for (let i = 0; i < length; i++) output[out + i] = input[pos + i] as number;
      pos += length;
      out += length;
      continue;
    }
    let length: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= inputLength) throw new FlatChunkError('snappy: copy past the input');
      length = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[pos++] as number);
    } else if (kind === 2) {
      if (pos + 2 > inputLength) throw new FlatChunkError('snappy: copy past the input');
      length = (tag >>> 2) + 1;
      offset = (input[pos] as number) | ((input[pos + 1] as number) << 8);
      pos += 2;
    } else {
      if (pos + 4 > inputLength) throw new FlatChunkError('snappy: copy past the input');
      length = (tag >>> 2) + 1;
      offset =
        ((input[pos] as number) | ((input[pos + 1] as number) << 8) | ((input[pos + 2] as number) << 16)) +
        (input[pos + 3] as number) * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + length > output.length) {
      throw new FlatChunkError('snappy: copy outside the output');
    }
    if (length < BLOCK) {
      for (let i = 0; i < length; i++) output[out + i] = output[out - offset + i] as number;
    } else {
      // A copy overlapping itself repeats its first `offset` bytes: copied in doubling blocks.
      for (let done = 0; done < length;) {
        const n = Math.min(done + offset, length - done);
        output.copyWithin(out + done, out - offset, out - offset + n);
        done += n;
      }
    }
    out += length;
  }
  if (out !== output.length) throw new FlatChunkError('snappy: input ends before the output is full');
}
