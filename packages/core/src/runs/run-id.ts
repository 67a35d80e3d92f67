const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random 8-character run id from `[a-z0-9]`, like the SDK's `generate_id()`. */
export function generateRunId(length = 8): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 252 is the largest multiple of 36 below 256: rejecting above it keeps the draw uniform.
  for (let i = 0; i < length; i++) {
    let byte = bytes[i] ?? 0;
    while (byte >= 252) byte = globalThis.crypto.getRandomValues(new Uint8Array(1))[0] ?? 0;
    id += ALPHABET[byte % 36];
  }
  return id;
}
