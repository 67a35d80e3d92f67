import { Api as CoreApi, type ApiOptions } from '@wbapi/core';
import { BrowserPlatform } from './browser-platform';

/** Options of the browser {@link Api}: core's, with the browser platform by default. */
export type BrowserApiOptions = ApiOptions<BrowserPlatform>;

/**
 * The W&B public API for browsers: core's `Api` with the {@link BrowserPlatform}, so that
 * `file.download()` gives a Blob (or a stream). Nothing is read from the environment: pass
 * `baseUrl` and `apiKey` explicitly, and never ship a personal API key in a public page.
 *
 * @example
 * ```ts
 * const api = new Api({ baseUrl: 'http://127.0.0.1:8080', apiKey });
 * for await (const run of api.runs('demo/mnist')) console.log(run.name);
 * ```
 */
export class Api extends CoreApi<BrowserPlatform> {
  constructor(options: BrowserApiOptions = {}) {
    super({ ...options, platform: options.platform ?? new BrowserPlatform() });
  }
}
