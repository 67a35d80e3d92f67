import { csvText } from './csv';

/** A plain text table with a header and columns padded to their widest cell. */
export function toTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cells = rows.map((row) => columns.map((key) => csvText(row[key]).replace(/\s+/g, ' ')));
  const widths = columns.map((key, i) =>
    Math.max(key.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd() + '\n';
  return line(columns) + cells.map(line).join('');
}
