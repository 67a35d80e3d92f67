// How far the functions page is from its 10 kB budget, part by part: the page bundled from the
// packages' sources with each part that could be made optional left out (its module replaced by a
// stand-in that does nothing), one at a time and all together, beside a page that only creates a
// session. `pnpm bench --only=bundle` reports it (bench/lib/bundle-size.ts). The stand-ins export
// what the real modules export: when a module's exports change the build fails, and a stand-in for
// a module the page no longer loads is an error too.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { FUNCTIONS_PAGE } from './bundle-size';

/** The page that only creates a session. */
export const SESSION_PAGE = fileURLToPath(new URL('./fixtures/session-page.ts', import.meta.url));

/** A part of the page path that a page could do without, and the stand-ins of its modules. */
interface Part {
  label: string;
  /** Module path under `packages/core/src` → the stand-in's source. */
  stubs: Record<string, string>;
}

const PARTS: Part[] = [
  {
    label: 'argument checks (filters, counts, keys, base URL)',
    stubs: {
      'validate/check-base-url.ts': 'export const checkBaseUrl = (url) => url;',
      'validate/check-count.ts':
        'export const positiveCount = (name, value, fallback) => value ?? fallback; export const stepBound = (name, value) => value; export const stepWindow = () => {};',
      'validate/check-filters.ts': 'export const checkFilters = () => {};',
      'validate/check-key-list.ts': 'export const keyList = (name, value) => value;',
    },
  },
  {
    label: 'API key redaction in errors, events and logs',
    stubs: {
      'errors/redaction.ts':
        "export const REDACTED = '***'; export const secretForms = () => []; export const redactText = (text) => text; export const redactValue = (value) => value; export const scrubError = (error) => error;",
      'errors/serialize-error.ts': 'export const serializeError = (error) => error;',
    },
  },
  {
    label: 'reply shape checks (MalformedResponseError naming the field)',
    stubs: {
      'transport/reply-shape.ts':
        'export const LIST_FIELDS = []; export const JSON_FIELDS = []; export const checkReplyShape = () => {};',
    },
  },
  {
    label: 'retries (status and error policy, Retry-After, backoff)',
    stubs: {
      'transport/retry-policy.ts':
        'export const isRetryableStatus = () => false; export const isRetryableError = () => false; export const LOOPBACK_REFUSED_RETRIES = 0; export const retriesAllowed = () => 0;',
    },
  },
  {
    label: 'hooks and logger',
    stubs: {
      'transport/hooks.ts':
        'const none = () => {}; export const combineHooks = () => ({ request: none, response: none, retry: none, error: none });',
    },
  },
  {
    label: "network errors' root cause and hints (CORS, bad port)",
    stubs: {
      'transport/network-failure.ts':
        "import { NetworkError } from '../errors/network-error'; export const networkFailure = (cause, name) => new NetworkError(`Network error during ${name}`, { cause });",
    },
  },
  {
    label: 'W&B JSON (NaN and ±Infinity in replies)',
    stubs: { 'json/parse-wandb-json.ts': 'export const parseWandbJson = (text) => JSON.parse(text);' },
  },
  {
    label: 'releasing abort listeners once a download is read',
    stubs: {
      'transport/release-when-read.ts':
        'export const releaseWhenRead = (response, link) => (link.dispose(), response);',
    },
  },
];

/** One measured bundle. */
export interface FloorRow {
  label: string;
  minified: number;
  gzipped: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const source = (path: string): string => fileURLToPath(new URL(path, new URL('../../', import.meta.url)));
const ALIAS = {
  '@wbapi/browser': source('browser/src/index.ts'),
  '@wbapi/core/internal': source('core/src/internal.ts'),
  '@wbapi/core': source('core/src/index.ts'),
  '@wbapi/gql': source('gql/src/index.ts'),
};

/** Replaces the modules named in `stubs`; adds to `used` each one it replaced. */
function standIns(stubs: Record<string, string>, used: Set<string>): Plugin {
  return {
    name: 'stand-ins',
    setup(b) {
      b.onLoad({ filter: /[/\\]core[/\\]src[/\\].*\.ts$/ }, (args) => {
        const path = args.path.replaceAll('\\', '/');
        const key = Object.keys(stubs).find((module) => path.endsWith(`/core/src/${module}`));
        if (key === undefined) return undefined;
        used.add(key);
        return { contents: stubs[key], loader: 'ts' };
      });
    },
  };
}

async function measureSource(
  label: string,
  entry: string,
  stubs: Record<string, string> = {},
): Promise<FloorRow> {
  const used = new Set<string>();
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    alias: ALIAS,
    define: { __WBAPI_VERSION__: '"0.0.0"' },
    plugins: [standIns(stubs, used)],
    bundle: true,
    write: false,
    outdir: 'floor-out',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  // A module that moved or was renamed would leave its part in the page: a row that lies.
  const unused = Object.keys(stubs).filter((module) => !used.has(module));
  if (unused.length > 0) throw new Error(`size floor: no module core/src/${unused.join(', ')} in the page`);
  return { label, minified: file.contents.length, gzipped: gzipSync(file.contents, { level: 9 }).length };
}

/**
 * The functions page built from source, beside: a page that only creates a session, the page
 * without each optional-able part, and without all of them at once. No code splitting (the
 * functions page is the same either way).
 */
export async function measureFloor(): Promise<FloorRow[]> {
  const all = Object.assign({}, ...PARTS.map((part) => part.stubs)) as Record<string, string>;
  const rows = [
    await measureSource('functions page, from source', FUNCTIONS_PAGE),
    await measureSource('a session alone (createSession, browserPlatform; no call)', SESSION_PAGE),
  ];
  for (const part of PARTS) {
    rows.push(await measureSource(`functions page without ${part.label}`, FUNCTIONS_PAGE, part.stubs));
  }
  rows.push(await measureSource('functions page without all of the above', FUNCTIONS_PAGE, all));
  return rows;
}
