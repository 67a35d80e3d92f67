/** Plain JSON has no NaN/Infinity: they are written as the strings "NaN", "Infinity", "-Infinity". */
function wandbReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/** A value as indented plain JSON (NaN and ±Infinity as strings), ending in LF. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, wandbReplacer, 2)}\n`;
}
