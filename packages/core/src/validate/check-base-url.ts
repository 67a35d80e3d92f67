import { BadInputError } from '../errors';
import { describeValue } from './describe-value';

/**
 * Checks `baseUrl` before any request: an absolute `http:` or `https:` URL.
 *
 * @throws BadInputError such as `baseUrl must be an http(s) URL such as https://api.wandb.ai, not "not a url"`.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  let protocol = '';
  try {
    protocol = typeof baseUrl === 'string' ? new URL(baseUrl).protocol : '';
  } catch {
    // Not a URL: reported below.
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new BadInputError(
      `baseUrl must be an http(s) URL such as https://api.wandb.ai, not ${describeValue(baseUrl)}`,
    );
  }
  return baseUrl as string;
}
