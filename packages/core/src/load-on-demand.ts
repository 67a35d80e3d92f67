import { NetworkError } from './errors/network-error';
import type * as OnDemandModule from './on-demand';

/** The module that `Api`, `Run` and `Runs` load on first use. */
export type OnDemand = typeof OnDemandModule;

/**
 * Loads the on-demand module (in a page: fetches its chunk). The one `import()` of it, so that
 * bundlers make one lazy chunk. A chunk that cannot be fetched (offline, a new deployment that
 * removed it) rejects with a NetworkError rather than the runtime's bare TypeError; the next
 * call tries again.
 *
 * @throws NetworkError
 */
export async function loadOnDemand(): Promise<OnDemand> {
  try {
    return await import('./on-demand');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(`Could not load the part of wbapi that this call needs: ${reason}`, {
      cause: error,
    });
  }
}
