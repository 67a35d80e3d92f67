/**
 * The YAML parser, loaded through `import()` by {@link parseSweepConfig}. It is imported through
 * this file, not as `import('yaml')`, so that a page's bundler names the lazy chunk after this
 * file (`yaml-parser-<hash>.js`) rather than after the `yaml` package's own entry
 * (`yaml/browser/index.js`, which Vite turned into `browser-<hash>.js`: a 96 kB chunk that read as
 * if `@wbapi/browser` itself were that large).
 */
export { parse } from 'yaml';
