// Minified, tree-shaken, gzipped size of a typical browser page using @wbapi/browser: the same
// page and measurement as packages/browser/test/bundle-size.test.ts (one shared function).
import { CLASSES_PAGE, measureBundle } from '../../packages/browser/test/bundle-size';

/** Bytes a typical page loads before first use (entry chunk and its static imports), and lazily. */
export async function browserBundleSize(): Promise<{
  minifiedBytes: number;
  gzippedBytes: number;
  lazyGzippedBytes: number;
}> {
  const { initial, lazy } = await measureBundle(CLASSES_PAGE);
  return { minifiedBytes: initial.minified, gzippedBytes: initial.gzipped, lazyGzippedBytes: lazy.gzipped };
}
