import { describe, expect, it } from 'vitest';
import {
  CLASSES_BUDGET_BYTES,
  CLASSES_PAGE,
  FUNCTIONS_BUDGET_BYTES,
  FUNCTIONS_PAGE,
  measureBundle,
  type BundleSizes,
} from './bundle-size';

/**
 * What the pages cost today, a little above the measured figure: growing beyond fails. Lowered
 * to the budgets (FUNCTIONS_BUDGET_BYTES, CLASSES_BUDGET_BYTES) as the bundle shrinks.
 */
const FUNCTIONS_CEILING_BYTES = Math.max(FUNCTIONS_BUDGET_BYTES, 11.5 * 1024);
const CLASSES_CEILING_BYTES = Math.max(CLASSES_BUDGET_BYTES, 19.5 * 1024);

function report(label: string, m: BundleSizes): void {
  const largest = Object.entries(m.byPackage)
    .sort(([, a], [, b]) => b - a)
    .map(([name, bytes]) => `${name} ${bytes} B`)
    .join(', ');
  console.log(
    `${label}: before first use ${m.initial.minified} B minified, ${m.initial.gzipped} B gzipped ` +
      `in ${m.initial.files} file(s); loaded later on demand ${m.lazy.gzipped} B gzipped in ` +
      `${m.lazy.files} file(s) — ${largest}`,
  );
}

const hasYaml = (m: BundleSizes): boolean =>
  m.inputs.some((input) => /node_modules\/(yaml|js-yaml)\//.test(input));

// Bundles the built packages (dist) the way a page's bundler would (esbuild --bundle --minify).
describe('browser bundle size', () => {
  it('a functions page stays within its ceiling with and without code splitting, without a YAML parser', async () => {
    const split = await measureBundle(FUNCTIONS_PAGE, { splitting: true });
    const single = await measureBundle(FUNCTIONS_PAGE, { splitting: false });
    report('functions page, splitting', split);
    report('functions page, no splitting', single);
    expect(split.initial.gzipped).toBeLessThanOrEqual(FUNCTIONS_CEILING_BYTES);
    expect(single.initial.gzipped).toBeLessThanOrEqual(FUNCTIONS_CEILING_BYTES);
    expect(Math.abs(split.initial.gzipped - single.initial.gzipped)).toBeLessThanOrEqual(512);
    expect(hasYaml(split) || hasYaml(single)).toBe(false);
  });

  it('a classes page stays within its ceiling with code splitting, the YAML parser loaded later', async () => {
    const split = await measureBundle(CLASSES_PAGE, { splitting: true });
    const single = await measureBundle(CLASSES_PAGE, { splitting: false });
    report('classes page, splitting', split);
    report('classes page, no splitting', single);
    expect(split.initial.gzipped).toBeLessThanOrEqual(CLASSES_CEILING_BYTES);
    expect(hasYaml(split)).toBe(false);
    expect(split.lazy.files).toBeGreaterThan(0);
    // Without splitting, what `import()` reaches (sweeps with the YAML parser, reports) comes along.
    expect(hasYaml(single)).toBe(true);
  });

  it('keeps the browser platform layer itself small (page fetch, Blob/stream downloads, saveBlob)', async () => {
    const m = await measureBundle(FUNCTIONS_PAGE);
    expect(m.byPackage['@wbapi/core']).toBeGreaterThan(0);
    expect(m.byPackage['@wbapi/browser']).toBeGreaterThan(0);
    expect(m.byPackage['@wbapi/browser']).toBeLessThanOrEqual(1024);
  });
});
