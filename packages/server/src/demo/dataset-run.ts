import type { DatasetRun } from './dataset';

/** The fields a {@link DatasetRun} must be given; every other field has a default. */
export type DatasetRunFields = Partial<DatasetRun> & Pick<DatasetRun, 'entity' | 'project' | 'name'>;

/**
 * A run for a data set with the fields given and empty defaults for the rest: state
 * `finished`, no tags, config, summary, history, events or files, created at 2024-01-01.
 *
 * @example
 * ```ts
 * const run = datasetRun({ entity: 'e', project: 'p', name: 'r1', summary: { loss: 0.1 } });
 * ```
 */
export function datasetRun(fields: DatasetRunFields): DatasetRun {
  return {
    displayName: null,
    state: 'finished',
    createdAt: '2024-01-01T00:00:00',
    heartbeatAt: null,
    username: fields.entity,
    tags: [],
    group: null,
    jobType: null,
    notes: null,
    sweep: null,
    config: {},
    summary: {},
    systemMetrics: {},
    history: [],
    events: [],
    files: [],
    ...fields,
  };
}
