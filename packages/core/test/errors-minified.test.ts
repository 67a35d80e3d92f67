import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type { throwEach } from './support/errors-entry';

const dir = mkdtempSync(join(tmpdir(), 'wbapi-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Report = ReturnType<typeof throwEach>;

/** Bundles the error classes the way a page's bundler would (`--bundle --minify`) and loads the bundle. */
async function minifiedErrors(): Promise<Report> {
  const result = await build({
    entryPoints: [new URL('./support/errors-entry.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    // A page's bundler: browser conditions (the history reader, a lazy import(), is bundled too).
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { __WBAPI_VERSION__: '"0.0.0"' },
    logLevel: 'silent',
  });
  const file = join(dir, 'errors.mjs');
  writeFileSync(file, result.outputFiles[0]!.contents);
  const bundle = (await import(pathToFileURL(file).href)) as { throwEach: () => Report };
  return bundle.throwEach();
}

describe('error classes in a minified bundle', () => {
  it('keep their names, their classes and their text', async () => {
    const report = await minifiedErrors();
    expect(report).toHaveLength(18);
    // The minifier did rename the classes: the names below survive only because they are literals.
    expect(report.some((r) => r.className !== r.expected)).toBe(true);
    for (const r of report) {
      expect(r.name, r.expected).toBe(r.expected);
      expect(r.string, r.expected).toBe(`${r.expected}: m`);
      expect(r.isOwnClass && r.isWandbError && r.isError, r.expected).toBe(true);
    }
  });
});
