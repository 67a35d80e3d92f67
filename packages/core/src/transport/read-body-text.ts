/**
 * Reads a response body to the end as UTF-8 text, calling `onRead` after every chunk (the
 * attempt restarts its idle timeout there, so a reply that keeps streaming is never cut off,
 * while one that stalls is). Without a body, resolves with `''`.
 */
export async function readBodyText(response: Response, onRead: () => void): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
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
