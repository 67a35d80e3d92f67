import type { DatasetReport } from './dataset';
import { Prng, mixSeed } from './prng';

type Key = { section: 'run' | 'config' | 'summary' | 'tags' | 'keys_info'; name: string };

const individual = (key: Key, op: string, value: unknown, disabled = false) => ({ key, op, value, disabled });

/** A run set in the old report format: a UI filter tree, the single-key sort and selections. */
function runSet(id: string, filters: unknown[], sort: { key: Key; ascending: boolean }, selected: string[]) {
  return {
    id,
    name: 'Run set',
    enabled: true,
    filters: { op: 'OR', filters: [{ op: 'AND', filters }] },
    grouping: [],
    sort,
    selections: { root: 1, bounds: [], tree: selected },
    expandedRowAddresses: [],
  };
}

function panel(metric: string) {
  return { viewType: 'Run History Line Plot', config: { metrics: [metric], xAxis: '_step' } };
}

/** Inputs of {@link demoReport}: where it lives and which runs it selects. */
export interface ReportInput {
  seed: number;
  index: number;
  entity: string;
  project: string;
  username: string;
  createdAt: string;
  updatedAt: string;
  /** Run names for `selections.tree`. */
  selected: string[];
}

/**
 * Report number `index`: report 0 ranks finished runs by validation loss; the others list
 * baseline-tagged runs newest first. Both keep `panelGroups[].runSets[]` as old clients read them.
 */
export function demoReport(input: ReportInput): DatasetReport {
  const prng = new Prng(mixSeed(input.seed, 5555, input.index));
  const first = input.index === 0;
  const filters = first
    ? [
        individual({ section: 'run', name: 'state' }, '=', 'finished'),
        individual({ section: 'summary', name: 'val_loss' }, '<', 10),
        individual({ section: 'config', name: 'batch_size' }, '>=', 256, true),
      ]
    : [individual({ section: 'tags', name: 'baseline' }, '=', true)];
  const sort = first
    ? { key: { section: 'summary' as const, name: 'val_loss' }, ascending: true }
    : { key: { section: 'run' as const, name: 'createdAt' }, ascending: false };
  return {
    entity: input.entity,
    project: input.project,
    id: Buffer.from(`View:${1000 + input.index}`).toString('base64'),
    name: prng.hex(10),
    displayName: first ? 'Validation loss overview' : `Baseline runs ${input.index}`,
    description: first ? 'Finished runs ranked by validation loss' : 'Runs tagged baseline, newest first',
    username: input.username,
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
    spec: {
      version: 5,
      width: 'readable',
      authors: [],
      discussionThreads: [],
      ref: {},
      blocks: [],
      panelGroups: [
        {
          name: first ? 'Training' : 'Baselines',
          openRunSet: 0,
          runSets: [runSet(prng.id(9), filters, sort, input.selected)],
          panels: [panel('loss'), panel('val_loss'), panel('acc')],
        },
      ],
    },
  };
}
