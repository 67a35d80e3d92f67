/**
 * The `Api` entry point, its options and settings resolution.
 *
 * @packageDocumentation
 */
export { Api, type ApiOptions } from './api';
export { ApiSession, type PassThroughClientOptions } from './session';
export type { ApiContext, ClientLike, DefaultPath, RequestOptions } from './context';
export {
  DEFAULT_BASE_URL,
  resolveSettings,
  settingsFromOverrides,
  stripTrailingSlashes,
  type ApiOverrides,
  type ResolvedSettings,
} from './settings';
export { appUrlFor, appPageUrl, quoteSegment } from './app-url';
export { webPlatform } from './default-platform';
export type { Viewer } from './viewer';
