/**
 * Reads a `Retry-After` header: delay-seconds (`"120"`, `"1.5"`) or an HTTP date.
 *
 * @param value - The header value, or `null` when absent.
 * @param now - The current time in ms since the epoch (injectable for tests).
 * @returns The wait in milliseconds (0 for dates in the past), or `null` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept dates with letters in them: Date.parse would also read "12" or "-1" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
