import { stringifyWandbJson } from '@wbapi/node';

/** Values as JSON Lines (NaN/Infinity written as bare tokens, as W&B does), each line ending in LF. */
export function toJsonl(values: readonly unknown[]): string {
  let out = '';
  for (const value of values) out += `${stringifyWandbJson(value)}\n`;
  return out;
}
