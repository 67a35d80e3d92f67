// How much JavaScript a page that uses @wbapi/browser loads: shared by bundle-size.test.ts and
// `pnpm bench` (bench/lib/bundle-size.ts), so that both report the same figure.
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { build as viteBuild } from 'vite';

/** A page written with the functions stays within 10 kB, minified and gzipped, with or without code splitting. */
export const FUNCTIONS_BUDGET_BYTES = 10 * 1024;

/** A page written with the classes stays within 15 kB with code splitting (without it, the lazily loaded parts come along). */
export const CLASSES_BUDGET_BYTES = 15 * 1024;

/** The page of the functions budget: lists runs with a filter, reads sampled history, scans history, downloads a file. */
export const FUNCTIONS_PAGE = fileURLToPath(new URL('./fixtures/functions-page.ts', import.meta.url));

/** The same page written with the classes (`Api`, `Run`, `File`). */
export const CLASSES_PAGE = fileURLToPath(new URL('./fixtures/typical-page.ts', import.meta.url));

/** Options of {@link measureBundle}. */
export interface MeasureOptions {
  /** Code splitting (`--splitting`): what `import()` reaches goes to chunks loaded later. @defaultValue true */
  splitting?: boolean;
}

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
  /** Inputs (package files) in `initial`, e.g. to check that no YAML parser is there. */
  inputs: string[];
  /** The code of `initial`, e.g. to check that no artifact query is there. */
  initialCode: string;
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
 * Bundles `entry` as a page would with `esbuild --bundle --minify`: the built packages (`dist`),
 * tree-shaken, ESM for browsers; with code splitting (default) whatever the library loads
 * through `import()` lands in separate chunks, without it everything is one file. Build the
 * packages first.
 */
export async function measureBundle(entry: string, options: MeasureOptions = {}): Promise<BundleSizes> {
  const splitting = options.splitting ?? true;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    outdir: resolve(root, 'bundle-out'),
    splitting,
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
  const inputs: string[] = [];
  for (const path of initial) {
    for (const [input, info] of Object.entries(outputs[path]?.inputs ?? {})) {
      if (info.bytesInOutput > 0) inputs.push(input);
      const owner = ownerOf(input);
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + info.bytesInOutput);
    }
  }
  const files = result.outputFiles.filter((file) => !file.path.endsWith('.map'));
  return {
    initial: sizes(files.filter(isInitial)),
    lazy: sizes(files.filter((file) => !isInitial(file))),
    byPackage: Object.fromEntries(byPackage),
    inputs,
    initialCode: files
      .filter(isInitial)
      .map((file) => file.text)
      .join('\n'),
  };
}

/**
 * Bundles `entry` with Vite's defaults (production build, library code splitting as Vite does it)
 * and returns the gzipped bytes of every JavaScript file the page loads before first use (the
 * entry chunk and its static imports) and of the rest. Build the packages first.
 */
export async function measureViteBundle(entry: string): Promise<{ initial: ChunkSizes; lazy: ChunkSizes }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const output = await viteBuild({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { write: false, rollupOptions: { input: entry } },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunks = results.flatMap((result) => ('output' in result ? result.output : []));
  type Chunk = { type: 'chunk'; fileName: string; code: string; imports: string[]; isEntry: boolean };
  const js = chunks.filter((item): item is Chunk & (typeof chunks)[number] => item.type === 'chunk');
  const byName = new Map(js.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const pending = js.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (initial.has(name)) continue;
    initial.add(name);
    pending.push(...(byName.get(name)?.imports ?? []));
  }
  const toFile = (chunk: Chunk): OutputFile =>
    ({ path: chunk.fileName, contents: new TextEncoder().encode(chunk.code) }) as OutputFile;
  return {
    initial: sizes(js.filter((chunk) => initial.has(chunk.fileName)).map(toFile)),
    lazy: sizes(js.filter((chunk) => !initial.has(chunk.fileName)).map(toFile)),
  };
}
