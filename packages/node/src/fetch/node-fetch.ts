import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';

/** How {@link createNodeFetch} connects. */
export interface NodeFetchOptions {
  /** Environment holding `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (either case). @defaultValue `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
  /** How long an idle kept-alive socket stays open. @defaultValue 30_000 */
  keepAliveTimeoutMs?: number;
  /** A dispatcher of your own (proxy, mock, custom TLS); replaces the default one. */
  dispatcher?: Dispatcher;
}

function readEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

/**
 * The dispatcher the Node platform uses: an `EnvHttpProxyAgent` (which honours `NO_PROXY`) when
 * `HTTPS_PROXY` or `HTTP_PROXY` is set, otherwise a keep-alive `Agent`.
 */
export function createNodeDispatcher(options: NodeFetchOptions = {}): Dispatcher {
  if (options.dispatcher) return options.dispatcher;
  const env = options.env ?? process.env;
  const keepAlive = { keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000 };
  const httpProxy = readEnv(env, 'HTTP_PROXY');
  const httpsProxy = readEnv(env, 'HTTPS_PROXY');
  if (httpProxy || httpsProxy) {
    const noProxy = readEnv(env, 'NO_PROXY');
    return new EnvHttpProxyAgent({
      ...keepAlive,
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      ...(noProxy ? { noProxy } : {}),
    });
  }
  return new Agent(keepAlive);
}

/**
 * A `fetch` that reuses connections (keep-alive) and goes through a proxy when the environment
 * asks for one. It is undici's `fetch` bound to {@link createNodeDispatcher}'s dispatcher.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const dispatcher = createNodeDispatcher(options);
  const bound = (input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher });
  return bound as unknown as typeof fetch;
}
