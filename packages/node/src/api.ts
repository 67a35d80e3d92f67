import { Api as CoreApi, artifactCalls, type ApiOptions } from '@wbapi/core';
import { NodePlatform } from './node-platform';

/** Options of the Node {@link Api}: core's, with the Node platform by default. */
export type NodeApiOptions = ApiOptions<NodePlatform>;

/**
 * The W&B public API for Node.js: core's `Api` with the {@link NodePlatform}, so that settings
 * come from `WANDB_*` variables and netrc and `file.download()` writes to disk, and with the
 * artifact functions (`api.artifact()`, ..., `artifact.download()` into a folder).
 *
 * @example
 * ```ts
 * const api = new Api(); // WANDB_API_KEY / ~/.netrc, WANDB_BASE_URL
 * const run = await api.run('demo/mnist/abc123');
 * const path = await (await run.file('model.bin')).download({ root: 'out' });
 * const folder = await (await api.artifact('demo/mnist/mnist-dataset:latest')).download({ root: 'data' });
 * ```
 */
export class Api extends CoreApi<NodePlatform> {
  constructor(options: NodeApiOptions = {}) {
    super({
      ...options,
      platform: options.platform ?? new NodePlatform(),
      artifacts: options.artifacts ?? artifactCalls,
    });
  }
}
