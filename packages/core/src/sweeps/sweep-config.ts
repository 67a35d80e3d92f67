import { malformedReply } from '../api/malformed';

/**
 * Parses a sweep's config, a YAML document (JSON is valid YAML too); `{}` when empty or not a
 * mapping. The YAML parser is loaded on first use, so pages that never read a sweep do not
 * download it.
 */
export async function parseSweepConfig(text: string | null | undefined): Promise<Record<string, unknown>> {
  if (!text) return {};
  const { parse } = await import('./yaml-parser');
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
