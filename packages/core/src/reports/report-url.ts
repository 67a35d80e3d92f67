import { quoteSegment } from '../session/app-url';

/**
 * The URL slug of a report title, as the W&B web UI builds it: every non-word character becomes `-`,
 * runs of `-` collapse, and leading/trailing `-` are trimmed.
 *
 * @example
 * ```ts
 * reportSlug('Weekly Results: lr/bs'); // 'Weekly-Results-lr-bs'
 * ```
 */
export function reportSlug(displayName: string): string {
  return displayName
    .replace(/[^\p{L}\p{N}_]/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * `app_url/<entity>/<project>/reports/<slug>--<id without '='>`, or null when any part is missing.
 */
export function reportUrl(
  appUrl: string,
  entity: string | null | undefined,
  project: string | null | undefined,
  displayName: string | null | undefined,
  id: string | null | undefined,
): string | null {
  if (!entity || !project || !displayName || !id) return null;
  // Like the SDK, only the slug is URL-quoted; the id keeps its base64 characters.
  const tail = `${quoteSegment(reportSlug(displayName))}--${id.replace(/=/g, '')}`;
  return `${appUrl}${quoteSegment(entity)}/${quoteSegment(project)}/reports/${tail}`;
}
