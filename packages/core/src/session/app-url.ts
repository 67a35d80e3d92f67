/**
 * The web UI base URL for a GraphQL base URL, the way the Python SDK derives `app_url`, always ending in `/`.
 *
 * An explicit `appUrl` (e.g. from `WANDB_APP_URL`) wins; otherwise on `://api.wandb.` hosts `://api.` becomes
 * `://` (cloud: `https://wandb.ai/`), else `://api.` becomes `://app.`, else the base URL
 * is used unchanged (a local server).
 *
 * @example
 * ```ts
 * appUrlFor('https://api.wandb.ai'); // 'https://wandb.ai/'
 * ```
 */
export function appUrlFor(baseUrl: string, appUrl?: string | null): string {
  let url: string;
  if (appUrl) url = appUrl;
  else if (baseUrl.includes('://api.wandb.')) url = baseUrl.replace('://api.', '://');
  else if (baseUrl.includes('://api.')) url = baseUrl.replace('://api.', '://app.');
  else url = baseUrl;
  return url.endsWith('/') ? url : url + '/';
}

/** URL-quotes one path segment the way the HEAD client does (`quote(safe="")`). */
export function quoteSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** `app_url` followed by the quoted segments joined with `/`. */
export function appPageUrl(appUrl: string, segments: readonly string[]): string {
  return appUrl + segments.map(quoteSegment).join('/');
}
