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
  limit?: (ctx: WorkloadContext) => Task;
}
