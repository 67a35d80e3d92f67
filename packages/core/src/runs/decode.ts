import { malformedReply, parseReplyJson } from '../errors/malformed-reply';

/** A decoded JSON object: config, summary or system metrics. */
export type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decodes a `JSONString` field (summaryMetrics, systemMetrics) into an object.
 *
 * Null or empty text gives `{}`; an already decoded object is kept; NaN and ±Infinity
 * tokens survive as numbers. Anything that is not a JSON object is a MalformedResponseError.
 */
export function decodeJsonObject(field: string, value: unknown): JsonObject {
  if (value === null || value === undefined || value === '') return {};
  const parsed = typeof value === 'string' ? parseReplyJson(field, value) : value;
  if (parsed === null) return {};
  if (!isPlainObject(parsed)) throw malformedReply(`${field} is not a JSON object`);
  return parsed;
}

/** Keys that live only in the raw config (`rawConfig`), never in `config`. */
const RAW_ONLY_KEYS = new Set(['_wandb', 'wandb_version']);

/** The two views of a run's config, see {@link decodeConfig}. */
export interface DecodedConfig {
  /** User keys with their `value` unwrapped (`desc` dropped). */
  config: JsonObject;
  /** Every key unwrapped, including `_wandb` and `wandb_version`. */
  rawConfig: JsonObject;
}

/**
 * Decodes a run's stored config (`{k: {value, desc}}` JSON text) (the way the Python SDK unwraps it).
 *
 * @example
 * ```ts
 * decodeConfig('{"lr":{"value":0.1,"desc":null},"_wandb":{"value":{"t":1}}}');
 * // { config: { lr: 0.1 }, rawConfig: { _wandb: { t: 1 }, lr: 0.1 } }
 * ```
 */
export function decodeConfig(value: unknown): DecodedConfig {
  const stored = decodeJsonObject('config', value);
  const config: JsonObject = {};
  const rawConfig: JsonObject = {};
  for (const [key, entry] of Object.entries(stored)) {
    const unwrapped = unwrapConfigEntry(entry);
    rawConfig[key] = unwrapped;
    if (!RAW_ONLY_KEYS.has(key)) config[key] = unwrapped;
  }
  return { config, rawConfig };
}

/** A stored config entry's value: `value` of a `{value, desc}` object, else the entry itself. */
export function unwrapConfigEntry(entry: unknown): unknown {
  return isPlainObject(entry) && 'value' in entry ? entry['value'] : entry;
}

/** A config value as stored by an update: `{value, desc: null}` (semantics §8.4). */
export function wrapConfigValue(value: unknown): JsonObject {
  return { value, desc: null };
}

/**
 * Encodes a config for `upsertBucket` as Python's `Run.update()` does: every key of `config` becomes
 * `{value, desc: null}`, and `_wandb` is carried over from the raw config so that the
 * server (which replaces the whole config) does not lose it.
 */
export function encodeConfig(config: JsonObject, rawConfig: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) out[key] = wrapConfigValue(value);
  if ('_wandb' in rawConfig) out['_wandb'] = wrapConfigValue(rawConfig['_wandb']);
  return out;
}
