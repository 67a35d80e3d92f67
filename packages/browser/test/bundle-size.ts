// How much JavaScript a page that uses @wbapi/browser loads: shared by bundle-size.test.ts and
// `pnpm bench` (bench/lib/bundle-size.ts), so that both report the same figure.
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type OutputFile } from 'esbuild';

/** DESIGN.md: `@wbapi/browser` with core, minified and gzipped, stays within 10 kB. */
export const BUDGET_BYTES = 10 * 1024;

/** The page whose cost the budget is about (Api, filtered runs, config/summary, history, scans, a download). */
export const TYPICAL_PAGE = fileURLToPath(new URL('./fixtures/typical-page.ts', import.meta.url));

/** Size of a set of output files: minified bytes, and gzipped bytes (each file gzipped on its own, summed). */
export interface ChunkSizes {
  /** How many files. */
  files: number;
  /** Minified bytes. */
  minified: number;
  /** Gzipped bytes, as a server would send each file. */
  gzipped: number;
}

/** What a page costs before first use (`initial`) and what it may load later through `import()`. */
export interface BundleSizes {
  /** The entry chunk plus every chunk it imports statically: loaded before the page's code runs. */
  initial: ChunkSizes;
  /** Chunks reached only through dynamic `import()` (e.g. the YAML parser for sweep configs). */
  lazy: ChunkSizes;
  /** Minified bytes in `initial` by package (`@wbapi/core`, `@wbapi/gql`, `@wbapi/browser`, `page`, ...). */
  byPackage: Record<string, number>;
}

// Names for the bundle's inputs that are not under node_modules (workspace packages, the page).
const LOCAL: [RegExp, string][] = [
  [/^\.\.\/core\//, '@wbapi/core'],
  [/^\.\.\/gql\//, '@wbapi/gql'],
  [/^dist\//, '@wbapi/browser'],
  [/^test\//, 'page'],
];

function ownerOf(input: string): string {
  return (
    /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
    LOCAL.find(([re]) => re.test(input))?.[1] ??
    input
  );
}

/**
 * The output paths the page loads before running: its entry chunk and that chunk's static
 * imports, transitively. (Chunks that `import()` reaches are entry points too, hence `entryPoint`.)
 */
function initialOutputs(outputs: Metafile['outputs'], entryPoint: string): Set<string> {
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === entryPoint);
  const seen = new Set<string>();
  const pending = entry ? [entry] : [];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && imported.path in outputs) pending.push(imported.path);
    }
  }
  return seen;
}

function sizes(files: OutputFile[]): ChunkSizes {
  let minified = 0;
  let gzipped = 0;
  for (const file of files) {
    minified += file.contents.length;
    gzipped += gzipSync(file.contents, { level: 9 }).length;
  }
  return { files: files.length, minified, gzipped };
}

/**
 * Bundles `entry` (default: the typical page) as a page would: the built packages (`dist`),
 * minified, tree-shaken, ESM for browsers, with code splitting so that whatever the library
 * loads through `import()` lands in separate chunks. Build the packages first.
 */
export async function measureBundle(entry: string = TYPICAL_PAGE): Promise<BundleSizes> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    outdir: resolve(root, 'bundle-out'),
    splitting: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const initial = initialOutputs(outputs, relative(root, entry));
  const initialFiles = new Set([...initial].map((path) => resolve(root, path)));
  const isInitial = (file: OutputFile): boolean => initialFiles.has(file.path);
  const byPackage = new Map<string, number>();
  for (const path of initial) {
    for (const [input, info] of Object.entries(outputs[path]?.inputs ?? {})) {
      const owner = ownerOf(input);
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + info.bytesInOutput);
    }
  }
  const files = result.outputFiles.filter((file) => !file.path.endsWith('.map'));
  return {
    initial: sizes(files.filter(isInitial)),
    lazy: sizes(files.filter((file) => !isInitial(file))),
    byPackage: Object.fromEntries(byPackage),
  };
}
