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

/**
 * Builds headers from layers, later layers winning (names compared without case, and lower-cased);
 * `undefined` values are skipped. A plain object rather than `Headers`, which in Node loads undici
 * (about 65 ms of CPU) on first use; checked as `Headers` checks them.
 *
 * @throws TypeError on a header name that is not a token or a value with CR, LF or NUL.
 */
export function mergeHeaders(
  ...layers: Array<Record<string, string | undefined> | undefined>
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      if (value === undefined) continue;
      const text = value.trim();
      if (!/^[-!#$%&'*+.^_`|~\w]+$/.test(name) || /[\0\r\n]/.test(text)) {
        throw new TypeError(`Invalid header: ${name}`);
      }
      headers[name.toLowerCase()] = text;
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
