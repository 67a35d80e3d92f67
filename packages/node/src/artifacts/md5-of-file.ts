import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Base64 MD5 of a file on disk, read in 1 MiB chunks. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('base64');
}
