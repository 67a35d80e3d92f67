// Minified, tree-shaken, gzipped size of browser pages using @wbapi/browser: the same pages and
// measurement as packages/browser/test/bundle-size.test.ts (one shared function).
import { CLASSES_PAGE, FUNCTIONS_PAGE, measureBundle } from '../../packages/browser/test/bundle-size';

/** What one page loads before first use (entry chunk and its static imports), and lazily. */
export interface PageSize {
  /** Which page and how it was bundled. */
  label: string;
  minifiedBytes: number;
  gzippedBytes: number;
  lazyGzippedBytes: number;
}

/** The functions page and the classes page, each bundled with and without code splitting. */
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
  return out;
}
