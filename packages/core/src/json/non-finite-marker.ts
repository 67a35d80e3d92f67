/**
 * A marker string that stands for a non-finite number while text passes through `JSON.parse`
 * or `JSON.stringify`. It holds a random tag, so the data being converted cannot forge it.
 */
export function nonFiniteMarker(): string {
  return `wbapi-non-finite-${Math.random().toString(36).slice(2, 12)}:`;
}
