/**
 * The parts of the YAML parser that sweep configs need, in a module of their own: `import()`
 * of this module (not of `js-yaml` itself) lets bundlers leave out the rest (the dumper).
 */
export { load, CORE_SCHEMA } from 'js-yaml';
