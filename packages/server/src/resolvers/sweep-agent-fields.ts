import { projectOf } from '../schema/context';
import type { RunRow, SweepRow } from '../store/rows';
import type { TypeResolvers } from './types';

/**
 * Sweep fields the SDK's sweep commands read (`SweepWithRuns`, before a pause, resume or stop)
 * and the `project` of `upsertSweep`'s answer. This server runs no controller or scheduler.
 */
export const sweepExtraResolvers: TypeResolvers<SweepRow> = {
  project: (s, _args, ctx) => projectOf(ctx, s.project_id),
  heartbeatAt: (s) => s.updated_at,
  earlyStopJobRunning: () => false,
  controller: () => null,
  scheduler: () => null,
};

/** Run flags of the same query, derived from the run's state; no exit code is kept. */
export const runAgentResolvers: TypeResolvers<RunRow> = {
  exitcode: () => null,
  shouldStop: () => false,
  failed: (r) => r.state === 'failed' || r.state === 'crashed',
  stopped: (r) => r.state === 'killed',
  running: (r) => r.state === 'running',
};
