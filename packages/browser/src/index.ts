/**
 * wbapi for browsers: everything from `@wbapi/core` (functions and classes), plus the browser
 * platform (page fetch, downloads to Blob or stream, `saveBlob`) and an `Api` that uses it. Plain
 * functions tree-shake: a page ships only what it calls.
 *
 * @packageDocumentation
 */
export * from '@wbapi/core';
// Named again because the bundled .d.ts imports these names, and `export *` skips imported names.
export type { ApiOptions, FileSource, OpenedFile, Platform } from '@wbapi/core';
export { Api, type BrowserApiOptions } from './api';
export { BrowserPlatform, browserPlatform, type BrowserPlatformOptions } from './browser-platform';
export {
  downloadInBrowser,
  type BrowserDownloadOptions,
  type BrowserDownloadProgress,
  type BrowserDownloadResult,
} from './browser-download';
export { saveBlob } from './save-blob';
