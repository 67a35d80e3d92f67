import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signed URL's query says about it. */
export type SignatureCheck = 'ok' | 'expired' | 'invalid';

/**
 * Emulated presigned URLs for artifact bytes (see packages/server/README.md, "What it implements", artifacts): no credentials, an expiry and an
 * HMAC over path and expiry in the query. Self-contained: one secret per store.
 */
export class SignedUrls {
  /** Lifetime of a new URL in seconds. @defaultValue 3600 */
  ttlSeconds = 3600;
  private readonly secret = randomBytes(32);
  private expireCount = 0;

  /** The next `count` file URLs handed out are already expired (tests of URL refresh). */
  expireNext(count: number): void {
    this.expireCount = count;
  }

  /** `baseUrl + path` with `expires` (ms since the epoch) and `signature`. */
  sign(baseUrl: string, path: string, kind: 'file' | 'manifest' = 'file'): string {
    let expires = Date.now() + this.ttlSeconds * 1000;
    if (kind === 'file' && this.expireCount > 0) {
      this.expireCount -= 1;
      expires = Date.now() - 1000;
    }
    return `${baseUrl}${path}?expires=${expires}&signature=${this.mac(path, expires)}`;
  }

  /** Checks the query of a request for `path`. */
  verify(path: string, query: URLSearchParams): SignatureCheck {
    const expires = Number(query.get('expires'));
    const signature = query.get('signature') ?? '';
    const expected = Buffer.from(this.mac(path, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (
      !Number.isSafeInteger(expires) ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    ) {
      return 'invalid';
    }
    return expires < Date.now() ? 'expired' : 'ok';
  }

  private mac(path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expires}`).digest('hex');
  }
}
