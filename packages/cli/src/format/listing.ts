import { formatBytes } from '../progress/progress-display';
import { toCsv } from './csv';
import { toJson } from './json';
import { toJsonl } from './jsonl';
import { toTable } from './table';

/** Output formats of the listing commands. */
export type ListingFormat = 'table' | 'json' | 'jsonl' | 'csv';

/** A record's table cells: `size` as `2.1 kB`, lists joined with commas. */
function tableCells(record: Record<string, unknown>): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'size' && typeof value === 'number') cells[key] = formatBytes(value);
    else cells[key] = Array.isArray(value) ? value.join(',') : value;
  }
  return cells;
}

/**
 * Records in `format`: a table of `columns` (sizes readable, lists joined with commas), plain
 * JSON, JSON Lines, or CSV (every field; nested objects as dotted columns, arrays as JSON text;
 * an empty listing gets the table's header).
 */
export function renderListing(
  records: readonly Record<string, unknown>[],
  format: ListingFormat,
  columns: readonly string[],
): string {
  if (format === 'json') return toJson(records);
  if (format === 'jsonl') return toJsonl(records);
  if (format === 'csv') return toCsv(records, records.length === 0 ? columns : undefined);
  return toTable(records.map(tableCells), columns);
}
