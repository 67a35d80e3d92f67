/** Replaced at build time by tsup and vitest (`define`) with the version from package.json. */
declare const __WBAPI_VERSION__: string | undefined;

/** The version of `@wbapi/core`, from its package.json. */
export const VERSION: string = typeof __WBAPI_VERSION__ === 'string' ? __WBAPI_VERSION__ : '0.0.0-dev';

/**
 * The version of the official Python client whose wire behaviour wbapi follows (and is tested
 * against), named in the default `User-Agent`.
 */
export const COMPATIBLE_SDK_VERSION = '0.26.1';

/**
 * The default `User-Agent` sent with every request:
 * `W&B Public Client <compatible SDK version> (wbapi/<version>)`.
 *
 * W&B's backend grants admin-capable access and some first-party fields only to a User-Agent it
 * recognises as the public client (wandb/wandb `wandb/apis/public/api.py`), so the string starts like the official
 * client's; wbapi is named after it. Override it with the `userAgent` client option. Browsers
 * may refuse to set this header; that is harmless.
 */
export const DEFAULT_USER_AGENT: string = `W&B Public Client ${COMPATIBLE_SDK_VERSION} (wbapi/${VERSION})`;
