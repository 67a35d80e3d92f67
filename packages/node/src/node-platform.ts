import type {
  Artifact,
  DownloadHistoryExportsOptions,
  FileSource,
  GetBytes,
  HistoryExportsDownload,
  Platform,
  PostText,
  RunRef,
  Session,
} from '@wbapi/core';
import { downloadArtifact, type ArtifactDownloadOptions } from './artifacts/download-artifact';
import { readNodeSettings, type NodeSettings } from './credentials/node-settings';
import { downloadToFile, type NodeDownloadOptions } from './download/download-to-file';
import { saveHistoryExports } from './history/save-history-exports';
import { loadParquetReader } from '@wbapi/core/internal';
import { createNodeFetch, type NodeFetchOptions } from './fetch/node-fetch';
import { createNodeGetBytes } from './fetch/node-get-bytes';
import { createNodeHttpFetch } from './fetch/node-http-fetch';
import { createNodePost } from './fetch/node-post';
import { createNodeRequester } from './fetch/node-request';

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
  /**
   * The fetch the Api uses for files (and GraphQL when a proxy or dispatcher is set): `node:http`
   * (see {@link createNodeHttpFetch}), or undici's fetch with a proxy or dispatcher.
   */
  readonly fetch: typeof fetch;
  /**
   * How GraphQL requests are POSTed: `node:http` with keep-alive, see {@link createNodePost};
   * `undefined` (the fetch is used) with a fetch or dispatcher of one's own, or a proxy.
   */
  readonly post: PostText | undefined;
  /**
   * How history export files are read (byte ranges of signed URLs): `node:http` into one buffer,
   * see {@link createNodeGetBytes}; `undefined` (the fetch is used) in the same cases as `post`.
   */
  readonly getBytes: GetBytes | undefined;
  private readonly options: NodePlatformOptions;
  /** Loads the Parquet history reader: scans read the runs' exports when the server has them. */
  readonly parquetReader = loadParquetReader;

  constructor(options: NodePlatformOptions = {}) {
    this.options = options;
    if (options.fetch) {
      this.fetch = options.fetch;
      this.post = undefined;
      this.getBytes = undefined;
    } else {
      // node:http for the usual requests; undici (loaded on first use) for proxies and the rest.
      const undici = createNodeFetch(options);
      const requester = createNodeRequester(options.keepAliveTimeoutMs);
      this.fetch = createNodeHttpFetch(options, undici, requester) ?? undici;
      this.post = createNodePost(options, undici, requester);
      this.getBytes = createNodeGetBytes(options, undici, requester);
    }
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

  /**
   * Downloads a whole artifact version into a folder and returns its absolute path; see
   * {@link downloadArtifact}. The cache and default folders follow this platform's `env` and
   * `homeDir` unless the options say otherwise.
   */
  downloadArtifact(artifact: Artifact, options: ArtifactDownloadOptions = {}): Promise<string> {
    const { env, homeDir } = this.options;
    return downloadArtifact(artifact, {
      ...(env ? { env } : {}),
      ...(homeDir ? { homeDir } : {}),
      ...options,
    });
  }

  /** Saves a run's history export files in `dir`; see {@link saveHistoryExports}. */
  downloadHistoryExports(
    session: Session,
    run: RunRef,
    dir: string,
    options: DownloadHistoryExportsOptions,
  ): Promise<HistoryExportsDownload> {
    return saveHistoryExports(session, run, dir, options);
  }
}

/** A new {@link NodePlatform}. */
export function nodePlatform(options: NodePlatformOptions = {}): NodePlatform {
  return new NodePlatform(options);
}
