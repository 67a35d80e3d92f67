/** Base64 of a string's UTF-8 bytes (`btoa` alone only takes Latin-1). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `Authorization` header value for an API key: Basic `api:<key>`. */
export function basicAuth(apiKey: string): string {
  return `Basic ${base64Utf8(`api:${apiKey}`)}`;
}

/** Builds headers from layers, later layers winning; `undefined` values are skipped. */
export function mergeHeaders(...layers: Array<Record<string, string | undefined> | undefined>): Headers {
  const headers = new Headers();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      if (value !== undefined) headers.set(name, value);
    }
  }
  return headers;
}

/** Whether two URLs share scheme, host and port. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
