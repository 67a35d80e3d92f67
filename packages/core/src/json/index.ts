/**
 * W&B's JSON dialect (`NaN`, `Infinity`, `-Infinity` allowed) and stable serialisation.
 *
 * @packageDocumentation
 */
export { parseWandbJson } from './parse-wandb-json';
export { stringifyWandbJson } from './stringify-wandb-json';
export { stableStringify } from './stable-stringify';
