import type { BenchSizes } from '../lib/datasets';
import type { Task } from '../lib/measure';

export interface WorkloadContext {
  url: string;
  apiKey: string;
  sizes: BenchSizes;
  /** a scratch folder for downloads */
  scratch: string;
}

/** One benchmark: the same work done through @wbapi/node (`client`) and by a bare loop (`limit`). */
export interface Workload {
  id: string;
  title: string;
  /** what `items` counts */
  unit: string;
  client: (ctx: WorkloadContext) => Task;
  /**
   * Each variant first runs once unmeasured in the same process, and the second run is measured:
   * the steady state of a process that scans many runs (code compiled, heap grown, modules
   * loaded), beside the rows measured in a fresh process. Peak RSS then covers both runs.
   */
  warmUp?: boolean;
  limit?: (ctx: WorkloadContext) => Task;
}
