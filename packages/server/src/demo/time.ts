/** `YYYY-MM-DDTHH:MM:SS` (UTC, no zone) for epoch milliseconds: the stored timestamp format. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The demo's fixed clock: every generated time is an offset from this instant. */
export const DEMO_EPOCH_MS = Date.UTC(2024, 4, 1, 9, 0, 0);
