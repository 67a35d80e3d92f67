/**
 * wbapi for browsers: everything from `@wbapi/core`, plus the browser platform (page fetch,
 * downloads to Blob or stream, `saveBlob`).
 *
 * @packageDocumentation
 */
export * from '@wbapi/core';
export { BrowserPlatform, browserPlatform, type BrowserPlatformOptions } from './browser-platform';
export {
  downloadInBrowser,
  type BrowserDownloadOptions,
  type BrowserDownloadProgress,
  type BrowserDownloadResult,
} from './browser-download';
export { saveBlob } from './save-blob';
