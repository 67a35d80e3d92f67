import { malformedReply } from '../api/malformed';
import type { OpenedFile } from '../platform';
import type { GraphQLClient, CallOptions } from '../transport';

function totalFromHeaders(headers: Headers, offset: number): number | null {
  const range = headers.get('content-range');
  const match = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (match?.[1]) return Number(match[1]);
  const length = headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? Number(length) + offset : null;
}

/** GETs a file URL through the client (auth only on the API origin, retries, Range from `offset`). */
export async function openFile(
  client: Pick<GraphQLClient, 'fetchFile'>,
  url: string,
  options: CallOptions & { offset?: number },
): Promise<OpenedFile> {
  const requested = options.offset ?? 0;
  const response = await client.fetchFile(url, { ...options, offset: requested });
  const offset = requested > 0 && response.status === 206 ? requested : 0;
  if (!response.body) throw malformedReply('file response has no body');
  return { body: response.body, offset, totalBytes: totalFromHeaders(response.headers, offset) };
}
