/**
 * The parts of the YAML library that sweep configs need, in a module of their own: `import()`
 * of this module (not of `js-yaml` itself) puts them in one chunk loaded on first use, by
 * reading a sweep (`load`) or creating one (`dump`).
 */
export { load, dump, CORE_SCHEMA } from 'js-yaml';
