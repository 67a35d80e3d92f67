import { BadInputError } from '../errors/bad-input-error';
import { keyList } from '../validate';

/** What a runs listing reads of each run, from its `lazy`, `summaryKeys` and `configKeys` options. */
export interface RunSelection {
  /** Only the light fields (plus the keys below): a lazy or selective listing. */
  light: boolean;
  /** The summary keys read, when only some are. */
  summaryKeys?: string[];
  /** The config keys read, when only some are. */
  configKeys?: string[];
}

/** The fields of a run that a listing may leave out (`Run` properties and `RunData` members). */
export type HeavyRunField = 'config' | 'rawConfig' | 'summary' | 'systemMetrics' | 'historyKeys';

/**
 * The selection asked by a listing's options: `summaryKeys` or `configKeys` make a light
 * listing with those keys, `lazy: true` one without.
 *
 * @throws BadInputError for keys that are not a list of non-empty strings, and for keys with
 * `lazy: false` (a full listing reads every key).
 */
export function runSelection(options: {
  lazy?: unknown;
  summaryKeys?: unknown;
  configKeys?: unknown;
}): RunSelection {
  const summaryKeys = keyList('summaryKeys', options.summaryKeys);
  const configKeys = keyList('configKeys', options.configKeys);
  const selective = summaryKeys !== undefined || configKeys !== undefined;
  if (options.lazy !== undefined && typeof options.lazy !== 'boolean') {
    throw new BadInputError('lazy must be true or false');
  }
  if (selective && options.lazy === false) {
    throw new BadInputError(
      'summaryKeys and configKeys make a light listing: leave lazy out, or set it to true',
    );
  }
  if (!selective) return { light: options.lazy === true };
  return { light: true, ...(summaryKeys && { summaryKeys }), ...(configKeys && { configKeys }) };
}

/** The heavy fields a selection leaves out: all of them for a lazy listing, those without keys for a selective one. */
export function missingFields(selection: RunSelection): HeavyRunField[] {
  if (!selection.light) return [];
  const missing: HeavyRunField[] = [];
  if (!selection.configKeys) missing.push('config', 'rawConfig');
  if (!selection.summaryKeys) missing.push('summary');
  missing.push('systemMetrics', 'historyKeys');
  return missing;
}

/** How a selection describes itself in messages: `a lazy listing`, `a listing of summaryKeys ["acc"]`. */
export function describeSelection(selection: RunSelection): string {
  const parts: string[] = [];
  if (selection.summaryKeys) parts.push(`summaryKeys ${JSON.stringify(selection.summaryKeys)}`);
  if (selection.configKeys) parts.push(`configKeys ${JSON.stringify(selection.configKeys)}`);
  return parts.length === 0 ? 'a lazy listing' : `a listing of ${parts.join(' and ')} only`;
}
