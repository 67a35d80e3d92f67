import type { IncomingMessage } from 'node:http';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

const DECODERS: Record<string, (input: Buffer, done: (error: Error | null, out: Buffer) => void) => void> = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate: inflate,
  br: brotliDecompress,
};

/**
 * Reads a whole reply body, decoding `Content-Encoding`, as the byte chunks it arrived in. They
 * stay bytes (outside the JavaScript heap, so the garbage collector never copies them) until the
 * caller turns them into text right before it is parsed, or into one buffer. Rejects when the
 * connection closes before the body ends, and with the signal's reason when it aborts.
 *
 * Reading starts at once, so that an error on the socket always has a listener, and the promise is
 * marked handled: a reply whose body nobody asks for never becomes an unhandled rejection.
 */
export function readBody(
  message: IncomingMessage,
  signal: AbortSignal | undefined,
  onChunk: () => void = () => undefined,
): Promise<Buffer[]> {
  const body = new Promise<Buffer[]>((resolve, reject) => {
    const encoding = (message.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decode = DECODERS[encoding];
    const chunks: Buffer[] = [];
    const onAbort = (): void => {
      message.destroy();
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    message.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      onChunk();
    });
    message.on('error', reject);
    message.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!message.complete) return reject(new Error('the connection closed before the reply was read'));
      if (!decode) return resolve(chunks);
      decode(Buffer.concat(chunks), (error, out) => (error ? reject(error) : resolve([out])));
    });
  });
  body.catch(() => undefined);
  return body;
}
