import { exportFiles, exportMark } from '../exports/export-history';
import type { Context } from '../schema/context';
import type { RunRow } from '../store/rows';
import { parseWandbJson } from '../util/wandb-json';

/** The value of `Run.parquetHistory`. */
export interface ParquetHistoryValue {
  parquetUrls: string[];
  liveData: Record<string, unknown>[];
}

const LOWEST = -Number.MAX_SAFE_INTEGER;

/** One object per row after the export mark, with the requested keys the row has (`_step` as an integer). */
function liveRows(
  ctx: Context,
  run: RunRow,
  after: number,
  keys: readonly string[],
): Record<string, unknown>[] {
  const wantsStep = keys.includes('_step');
  const others = keys.filter((k) => k !== '_step');
  if (others.length === 0) {
    // The usual request (wandb-core asks for `_step` only): no row needs parsing.
    const steps = ctx.store
      .prepare('SELECT step FROM history WHERE run_id = ? AND step > ? ORDER BY step /* live steps */')
      .pluck()
      .all(run.id, after) as number[];
    return steps.map((step) => (wantsStep ? { _step: step } : {}));
  }
  return ctx.store
    .prepare<{ row: string }>('SELECT row FROM history WHERE run_id = ? AND step > ? ORDER BY step')
    .all(run.id, after)
    .map(({ row }) => {
      const parsed = parseWandbJson(row) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) if (key in parsed) out[key] = parsed[key];
      return out;
    });
}

/**
 * `Run.parquetHistory(liveKeys)`: signed URLs of the run's export files (steps up to its export
 * mark) and one `liveData` object per later row, ascending. A run never exported has no URLs
 * and every row live.
 */
export function parquetHistory(ctx: Context, run: RunRow, liveKeys: readonly string[]): ParquetHistoryValue {
  const files = exportFiles(ctx.store, run.id);
  const parquetUrls = ctx.exports
    ? files.map((file, i) => ctx.exports!.sign(ctx.baseUrl, file.id, `${run.name}-${i}.parquet`))
    : [];
  const omitted = ctx.exports?.liveDataOmitted ?? false;
  const liveData = omitted ? [] : liveRows(ctx, run, exportMark(ctx.store, run.id) ?? LOWEST, liveKeys);
  return { parquetUrls, liveData };
}
