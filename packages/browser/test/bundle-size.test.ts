import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, measureBundle, type BundleSizes } from './bundle-size';

/**
 * What a typical page costs today before first use (gzipped entry chunk plus the chunks it
 * imports statically), with a little slack. Growing beyond it fails, so the size can only go
 * down until it meets the budget; lower it when it does.
 */
// Raised from 15 kB to 15.5 kB with issue 16: errors that name the URL and the root cause, the
// CORS check after a failed cross-origin fetch, and path and order checks cost about 0.6 kB.
const CEILING_BYTES = 15.5 * 1024;

function report(label: string, m: BundleSizes): void {
  const largest = Object.entries(m.byPackage)
    .sort(([, a], [, b]) => b - a)
    .map(([name, bytes]) => `${name} ${bytes} B`)
    .join(', ');
  console.log(
    `${label}: before first use ${m.initial.minified} B minified, ${m.initial.gzipped} B gzipped ` +
      `in ${m.initial.files} file(s) (budget ${BUDGET_BYTES} B); loaded later on demand ` +
      `${m.lazy.gzipped} B gzipped in ${m.lazy.files} file(s) — ${largest}`,
  );
}

// Bundles the built packages (dist) the way a page's bundler would, with code splitting: the
// budget is about what loads before first use; lazily imported parts are reported apart.
describe('browser bundle size', () => {
  it('does not let a typical page grow beyond what it costs today', async () => {
    const m = await measureBundle();
    report('typical page (Api, filtered runs, config/summary, history, scanHistory, file download)', m);
    expect(m.initial.gzipped).toBeGreaterThan(0);
    expect(m.initial.gzipped).toBeLessThanOrEqual(CEILING_BYTES);
  });

  it('keeps the browser platform layer itself small (page fetch, Blob/stream downloads, saveBlob)', async () => {
    const m = await measureBundle();
    expect(m.byPackage['@wbapi/core']).toBeGreaterThan(0);
    expect(m.byPackage['@wbapi/browser']).toBeGreaterThan(0);
    // 1 kB before the CORS check of failed cross-origin fetches (cors-aware-fetch.ts).
    expect(m.byPackage['@wbapi/browser']).toBeLessThanOrEqual(1.25 * 1024);
  });

  it('leaves sweeps, reports, QueryGenerator, bulk export and mutations out of the first download', async () => {
    const m = await measureBundle();
    // Those parts are one chunk loaded on first use (plus the YAML parser, loaded apart).
    expect(m.lazy.files).toBe(2);
    expect(m.lazy.gzipped).toBeGreaterThan(4 * 1024);
  });

  // Known to be over budget (see CEILING_BYTES): this fails loudly once the page fits, so that
  // the budget check becomes a plain `it` and the ceiling above is retired.
  it.fails('fits a typical page within the 10 kB gzipped budget', async () => {
    const m = await measureBundle();
    expect(m.initial.gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
