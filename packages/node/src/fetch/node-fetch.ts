import type { Dispatcher, fetch as UndiciFetch } from 'undici';

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

/** Whether `HTTPS_PROXY` or `HTTP_PROXY` (either case) is set. */
export function hasProxy(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(readEnv(env, 'HTTP_PROXY') || readEnv(env, 'HTTPS_PROXY'));
}

/**
 * Whether requests may go straight through `node:http`: not when a dispatcher of one's own is
 * given or the environment names a proxy (the undici fetch honours both).
 */
export function goesDirect(options: NodeFetchOptions): boolean {
  return !options.dispatcher && !hasProxy(options.env ?? process.env);
}

/**
 * The dispatcher the Node platform uses: an `EnvHttpProxyAgent` (which honours `NO_PROXY`) when
 * `HTTPS_PROXY` or `HTTP_PROXY` is set, otherwise a keep-alive `Agent`. undici is loaded on the
 * first call (it takes about 100 ms), not when `@wbapi/node` is imported.
 */
export async function createNodeDispatcher(options: NodeFetchOptions = {}): Promise<Dispatcher> {
  if (options.dispatcher) return options.dispatcher;
  const { Agent, EnvHttpProxyAgent } = await import('undici');
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
 * asks for one. It is undici's `fetch` bound to {@link createNodeDispatcher}'s dispatcher; undici
 * is loaded on its first call.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  let ready: Promise<{ fetch: typeof UndiciFetch; dispatcher: Dispatcher }> | undefined;
  const load = async () => {
    const [{ fetch }, dispatcher] = await Promise.all([import('undici'), createNodeDispatcher(options)]);
    return { fetch, dispatcher };
  };
  const bound = async (
    input: Parameters<typeof UndiciFetch>[0],
    init?: Parameters<typeof UndiciFetch>[1],
  ) => {
    ready ??= load();
    ready.catch(() => (ready = undefined));
    const { fetch, dispatcher } = await ready;
    return fetch(input, { ...init, dispatcher });
  };
  return bound as unknown as typeof fetch;
}
