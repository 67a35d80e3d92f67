import type { FileSource, Platform, PostText } from '@wbapi/core';
import { readNodeSettings, type NodeSettings } from './credentials/node-settings';
import { downloadToFile, type NodeDownloadOptions } from './download/download-to-file';
import { createNodeFetch, type NodeFetchOptions } from './fetch/node-fetch';
import { createNodePost } from './fetch/node-post';

/** Options of {@link NodePlatform}. */
export interface NodePlatformOptions extends NodeFetchOptions {
  /** Home folder for `~/.netrc`. @defaultValue `os.homedir()` */
  homeDir?: string;
  /** A fetch of your own; replaces the keep-alive/proxy fetch. */
  fetch?: typeof fetch;
}

/**
 * The Node.js platform: keep-alive GraphQL requests over `node:http`, a proxy-aware fetch, settings from `WANDB_*`
 * environment variables and netrc, and downloads streamed to disk.
 */
export class NodePlatform implements Platform<NodeDownloadOptions, string> {
  /** Always `'node'`. */
  readonly name = 'node';
  /** The fetch the Api uses (file downloads; GraphQL too when a proxy or dispatcher is set). */
  readonly fetch: typeof fetch;
  /**
   * How GraphQL requests are POSTed: `node:http` with keep-alive, see {@link createNodePost};
   * `undefined` (the fetch is used) with a fetch or dispatcher of one's own, or a proxy.
   */
  readonly post: PostText | undefined;
  private readonly options: NodePlatformOptions;

  constructor(options: NodePlatformOptions = {}) {
    this.options = options;
    this.fetch = options.fetch ?? createNodeFetch(options);
    this.post = options.fetch ? undefined : createNodePost(options, this.fetch);
  }

  /** Settings from the environment and netrc; see {@link readNodeSettings}. */
  settings(baseUrl: string | undefined): NodeSettings {
    return readNodeSettings(baseUrl, {
      ...(this.options.env ? { env: this.options.env } : {}),
      ...(this.options.homeDir ? { homeDir: this.options.homeDir } : {}),
    });
  }

  /** Where an API key was looked for, for "no API key" messages. */
  describeCredentialSources(baseUrl: string | undefined): string {
    return this.settings(baseUrl).credentialSources;
  }

  /** Streams a file to disk and returns its absolute path; see {@link downloadToFile}. */
  download(source: FileSource, options: NodeDownloadOptions = {}): Promise<string> {
    return downloadToFile(source, options);
  }
}

/** A new {@link NodePlatform}. */
export function nodePlatform(options: NodePlatformOptions = {}): NodePlatform {
  return new NodePlatform(options);
}
