import type { HistoryExportOptions } from './export-options';

/**
 * Every layout of a history export that a client must read, by name: W&B's as far as known
 * (`default`) and each variant public code leaves possible. Tests export one run per variant.
 */
export const HISTORY_EXPORT_VARIANTS: Readonly<Record<string, HistoryExportOptions>> = {
  default: {},
  int64Step: { stepType: 'int64' },
  int32StepGzip: { stepType: 'int32', codec: 'GZIP' },
  brotli: { codec: 'BROTLI', rowGroupSize: 16 },
  structNesting: { nesting: 'struct' },
  unionTypes: { mixed: 'union' },
  uncompressedSmallGroups: { codec: 'UNCOMPRESSED', rowGroupSize: 7 },
  noStatistics: { statistics: false, rowGroupSize: 9 },
  overlappingReversedFiles: { rowsPerFile: 13, overlapRows: 4, urlOrder: 'reversed', rowGroupSize: 5 },
  withEmptyFile: { empty: true, rowsPerFile: 20 },
};

/**
 * History rows that exercise every column kind of an export: plain numbers with NaN and
 * ±Infinity, a nested dict (dotted columns or a struct), a `_type` histogram (a struct with lists),
 * a key whose type changes, explicit nulls, booleans, strings, arrays of strings, keys logged only
 * on some steps, and gaps in `_step` (every third step is missing).
 */
export function variedHistoryRows(count: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; rows.length < count; i++) {
    if (i % 3 === 2) continue;
    const step = i;
    const row: Record<string, unknown> = {
      _step: step,
      _runtime: step * 0.25,
      _timestamp: 1_700_000_000 + step,
      loss: step === 4 ? NaN : step === 7 ? Infinity : step === 9 ? -Infinity : 1 / (step + 1),
    };
    if (step % 2 === 0) row.acc = step / 100;
    if (step % 4 === 0) row.train = { lr: 0.001 * step, opt: { beta: 0.9, name: 'adam' } };
    if (step % 5 === 0) {
      row.hist = { _type: 'histogram', values: [step, step + 1, 2], bins: [0, 0.5, 1, 1.5] };
    }
    row.mixed = [step, `s${step}`, step % 8 === 2, { k: step }][step % 4];
    if (step % 6 === 1) row.maybe = null;
    else if (step % 6 === 3) row.maybe = step;
    row.ok = step % 2 === 1;
    row.label = `row ${step}`;
    if (step % 10 === 0) row.tags = ['a', `t${step}`];
    rows.push(row);
  }
  return rows;
}
