// Child process that runs one variant of one workload and sends its Measurement back.
// Every variant gets a fresh process so that peak RSS belongs to that variant alone.
import { measure } from './measure';
import { workloads } from '../workloads';
import type { WorkloadContext } from '../workloads/types';

const [id, variant, contextJson] = process.argv.slice(2);
const workload = workloads.find((w) => w.id === id);
if (!workload || (variant !== 'client' && variant !== 'limit') || !contextJson) {
  throw new Error(`measure-child: bad arguments ${process.argv.slice(2).join(' ')}`);
}
const make = variant === 'client' ? workload.client : workload.limit;
if (!make) throw new Error(`workload ${id} has no ${variant} variant`);
const context = JSON.parse(contextJson) as WorkloadContext;
// A warm workload measures its second run: the first compiles the code and grows the heap.
if (workload.warmUp) await make(context)(() => undefined);
const result = await measure(make(context));
process.send?.(result, () => process.exit(0));
