/** Replaced at build time by tsup and vitest (`define`) with the version from package.json. */
declare const __WBAPI_VERSION__: string | undefined;

/** The version of `@wbapi/core`, from its package.json. */
export const VERSION: string = typeof __WBAPI_VERSION__ === 'string' ? __WBAPI_VERSION__ : '0.0.0-dev';

/**
 * The default `User-Agent` sent with every request: `wbapi/<version> (W&B Public Client compatible)`.
 *
 * W&B's backend serves some first-party fields only to a User-Agent it recognises as a W&B
 * client (see https://github.com/wandb/wandb, `wandb/apis/public/api.py`), hence the "W&B Public Client" words. Override it with the
 * `userAgent` client option. Browsers may refuse to set this header; that is harmless.
 */
export const DEFAULT_USER_AGENT: string = `wbapi/${VERSION} (W&B Public Client compatible)`;
