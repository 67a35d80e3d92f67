import { malformedReply } from '../errors/malformed-reply';
import { NetworkError } from '../errors/network-error';
import type * as Yaml from 'yaml';

/**
 * The YAML parser, loaded on first use: in a page, a chunk fetched then. A chunk that cannot be
 * fetched (offline, a new deployment that removed it) rejects with a NetworkError rather than
 * the runtime's bare TypeError; the next call tries again.
 */
async function loadYaml(): Promise<typeof Yaml> {
  try {
    return await import('yaml');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(`Could not load the part of wbapi that this call needs: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Parses a sweep's config, a YAML document (JSON is valid YAML too); `{}` when empty or not a
 * mapping. The YAML parser is loaded on first use, so pages that never read a sweep do not
 * download it.
 */
export async function parseSweepConfig(text: string | null | undefined): Promise<Record<string, unknown>> {
  if (!text) return {};
  const { parse } = await loadYaml();
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw malformedReply(`sweep config is not valid YAML: ${(error as Error).message}`);
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}
