// Minified, tree-shaken, gzipped size of a typical browser import of @wbapi/browser.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const ENTRY = `
import { Api } from '@wbapi/browser';
const api = new Api({ baseUrl: location.origin, apiKey: 'key' });
for await (const run of api.runs('e/p', { filters: { state: 'finished' } })) console.log(run.name, run.summary);
const run = await api.run('e/p/r');
for await (const row of run.scanHistory({ keys: ['loss'] })) console.log(row);
`;

export async function browserBundleSize(): Promise<{ minifiedBytes: number; gzippedBytes: number }> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  return { minifiedBytes: code.length, gzippedBytes: gzipSync(code, { level: 9 }).length };
}
