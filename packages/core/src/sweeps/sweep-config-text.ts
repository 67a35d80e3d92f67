import { BadInputError } from '../errors/bad-input-error';

/** A sweep config as `createSweep` takes it: an object, or YAML text sent as is. */
export type SweepConfigInput = Record<string, unknown> | string;

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gives `min`/`max` parameters without a `distribution` the one the official client gives them:
 * `int_uniform` when both bounds are integers, `uniform` when neither is. In JavaScript `1.0` is
 * the integer 1, so write such a bound with a fraction or name the distribution.
 *
 * @throws BadInputError when one bound is an integer and the other is not
 */
function fillDistributions(config: Record<string, unknown>): void {
  if (!isMapping(config.parameters)) return;
  for (const [name, parameter] of Object.entries(config.parameters)) {
    if (!isMapping(parameter) || !('min' in parameter) || !('max' in parameter)) continue;
    if ('distribution' in parameter) continue;
    const { min, max } = parameter;
    if (typeof min !== 'number' || typeof max !== 'number') continue;
    if (Number.isInteger(min) && Number.isInteger(max)) parameter.distribution = 'int_uniform';
    else if (!Number.isInteger(min) && !Number.isInteger(max)) parameter.distribution = 'uniform';
    else {
      throw new BadInputError(
        `Parameter ${name} is ambiguous: give both bounds as integers (int_uniform) or both with a fraction (uniform), or set distribution`,
      );
    }
  }
}

/**
 * The YAML text to send and the parsed mapping of a sweep config. An object goes through JSON
 * (dropping `undefined` and functions, as the official client's round trip does), gets its
 * distributions filled, and is written as YAML 1.1 with sorted keys, so strings such as `'008'` or
 * `'yes'` stay strings for YAML 1.1 readers; text is sent unchanged.
 *
 * @throws BadInputError when the config is not a mapping or not valid YAML
 */
export async function sweepConfigText(
  config: SweepConfigInput,
): Promise<{ text: string; parsed: Record<string, unknown> }> {
  const { load, dump, CORE_SCHEMA } = await import('./yaml-parser');
  if (typeof config === 'string') {
    let parsed: unknown;
    try {
      parsed = load(config, { schema: CORE_SCHEMA });
    } catch (error) {
      throw new BadInputError(`sweep config is not valid YAML: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!isMapping(parsed)) throw new BadInputError('sweep config must be a YAML mapping');
    return { text: config, parsed };
  }
  const parsed: unknown = isMapping(config) ? JSON.parse(JSON.stringify(config)) : null;
  if (!isMapping(parsed)) throw new BadInputError('sweep config must be an object or YAML text');
  fillDistributions(parsed);
  // js-yaml quotes strings that YAML 1.1 readers (PyYAML) would take for booleans or numbers.
  return { text: dump(parsed, { sortKeys: true, lineWidth: -1 }), parsed };
}
