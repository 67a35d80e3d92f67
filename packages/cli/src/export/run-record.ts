import type { ExportedRun } from '@wbapi/node';

/** What an export keeps of a run besides its history: identity, config and summary. */
export function runRecord(run: ExportedRun): Record<string, unknown> {
  const { history: _history, run: _run, ...record } = run;
  return record;
}

/** A run id made safe as a file name (ids are usually `[a-z0-9]`; anything else becomes `_`). */
export function fileStem(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? `_${safe}` : safe;
}
