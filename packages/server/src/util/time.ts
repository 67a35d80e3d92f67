/** A timestamp the way W&B writes it: `YYYY-MM-DDTHH:MM:SS`, UTC, no zone letter. */
export function wandbTimestamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19);
}

/**
 * Normalises an ISO-8601 text to the W&B form (drops fractions and zone after converting to UTC).
 * Text that is not a date is returned unchanged.
 */
export function normalizeTimestamp(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)) return text;
  const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? text : wandbTimestamp(date);
}
