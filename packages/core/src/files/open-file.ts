import { malformedReply } from '../errors/malformed-reply';
import type { OpenedFile } from '../platform';
import { describeFileResponse, type CallOptions, type GraphQLClient } from '../transport';

/**
 * GETs a file URL through the client (auth only on the API origin, retries, Range from
 * `offset`). When the server ignores the range, `offset` in the result is 0.
 */
export async function openFile(
  client: Pick<GraphQLClient, 'fetchFile'>,
  url: string,
  options: CallOptions & { offset?: number },
): Promise<OpenedFile> {
  const requested = options.offset ?? 0;
  const response = await client.fetchFile(url, { ...options, offset: requested });
  if (!response.body) throw malformedReply('file response has no body');
  const { offset, totalBytes } = describeFileResponse(response, requested);
  return { body: response.body, offset, totalBytes };
}

/** Drops the first `count` bytes of a stream (for servers that ignore Range requests). */
export function skipBytes(body: ReadableStream<Uint8Array>, count: number): ReadableStream<Uint8Array> {
  let left = count;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (left >= chunk.byteLength) {
          left -= chunk.byteLength;
          return;
        }
        controller.enqueue(left > 0 ? chunk.subarray(left) : chunk);
        left = 0;
      },
    }),
  );
}
