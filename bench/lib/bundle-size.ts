// Minified, tree-shaken, gzipped size of browser pages using @wbapi/browser: the same pages and
// measurement as packages/browser/test/bundle-size.test.ts (one shared function).
import { CLASSES_PAGE, FUNCTIONS_PAGE, measureBundle } from '../../packages/browser/test/bundle-size';
import { measureFloor } from '../../packages/browser/test/size-floor';

/** What one page loads before first use (entry chunk and its static imports), and lazily. */
export interface PageSize {
  /** Which page and how it was bundled. */
  label: string;
  minifiedBytes: number;
  gzippedBytes: number;
  /** Loaded later through `import()`; absent for the bundles built from source without splitting. */
  lazyGzippedBytes?: number;
}

/**
 * The functions page and the classes page, each bundled with and without code splitting; then the
 * functions page built from source with each part that could be made optional left out
 * (packages/browser/test/size-floor.ts).
 */
export async function browserBundleSize(): Promise<PageSize[]> {
  const pages = [
    ['functions page (listRuns, sampledHistory, scanHistory, downloadFile)', FUNCTIONS_PAGE],
    ['classes page (Api, Run, File: the same calls)', CLASSES_PAGE],
  ] as const;
  const out: PageSize[] = [];
  for (const [label, page] of pages) {
    for (const splitting of [true, false]) {
      const { initial, lazy } = await measureBundle(page, { splitting });
      out.push({
        label: `Browser bundle, ${label}, esbuild ${splitting ? 'with' : 'without'} splitting`,
        minifiedBytes: initial.minified,
        gzippedBytes: initial.gzipped,
        lazyGzippedBytes: lazy.gzipped,
      });
    }
  }
  for (const row of await measureFloor()) {
    out.push({
      label: `Browser bundle, ${row.label}`,
      minifiedBytes: row.minified,
      gzippedBytes: row.gzipped,
    });
  }
  return out;
}
