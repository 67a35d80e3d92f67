import type { TextReply } from './post-text';

/**
 * Reads a response body to the end as UTF-8 text, calling `onRead` after every chunk (the
 * attempt restarts its idle timeout there, so a reply that keeps streaming is never cut off,
 * while one that stalls is). Without a body, resolves with `''`.
 */
export async function readBodyText(response: TextReply, onRead: () => void): Promise<string> {
  // A platform's lighter reply (no web stream) reports its chunks through `TextRequestInit.onChunk`.
  if (!('body' in response) || !(response as Response).body) return response.text();
  const body = (response as Response).body as ReadableStream<Uint8Array>;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onRead();
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
