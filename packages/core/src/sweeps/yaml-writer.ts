/**
 * The YAML dumper, in a module of its own so that only `api.createSweep()` loads it (reading a
 * sweep needs the parser alone, `yaml-parser.ts`).
 */
export { dump } from 'js-yaml';
