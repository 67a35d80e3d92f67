/**
 * wbapi for Node.js: everything from `@wbapi/core` (functions and classes), plus the Node platform
 * (keep-alive and proxy-aware fetch, `WANDB_*` variables and netrc, streaming downloads to disk) and
 * an `Api` that uses it.
 *
 * @packageDocumentation
 */
export * from '@wbapi/core';
// Named again because the bundled .d.ts imports these names, and `export *` skips imported names.
export type { ApiOptions, FileSource, OpenedFile, Platform } from '@wbapi/core';
export { Api, type NodeApiOptions } from './api';
export { NodePlatform, nodePlatform, type NodePlatformOptions } from './node-platform';
export { createNodeDispatcher, createNodeFetch, type NodeFetchOptions } from './fetch/node-fetch';
export { downloadToFile, type DownloadProgress, type NodeDownloadOptions } from './download/download-to-file';
export { checkFileName } from './download/safe-path';
export { readNodeSettings, type NodeSettings, type SettingsSources } from './credentials/node-settings';
export { parseNetrc, netrcEntryFor, type Netrc, type NetrcEntry } from './credentials/netrc';
