import { BadInputError } from '../errors/bad-input-error';
import type { FileSource, Platform } from '../platform';

/**
 * The platform used when none is given: fetch from `globalThis`, no environment settings,
 * and no downloads (use `file.stream()`, or `@wbapi/node` / `@wbapi/browser`).
 */
export const webPlatform: Platform<unknown, never> = {
  name: 'web',
  download(source: FileSource): Promise<never> {
    return Promise.reject(
      new BadInputError(
        `cannot download ${source.name}: no platform; use file.stream() or @wbapi/node / @wbapi/browser`,
      ),
    );
  },
};
