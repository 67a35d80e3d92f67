import type { DatasetFile, DatasetRun } from './dataset';
import { FixtureError } from './fixture-error';
import { FixtureReader, isRecord } from './fixture-reader';

const RUN_FIELDS = [
  'entity',
  'project',
  'name',
  'displayName',
  'state',
  'createdAt',
  'heartbeatAt',
  'username',
  'tags',
  'group',
  'jobType',
  'notes',
  'sweep',
  'host',
  'commit',
  'config',
  'summary',
  'systemMetrics',
  'history',
  'events',
  'files',
];
const FILE_FIELDS = ['name', 'mimetype', 'updatedAt', 'text', 'json', 'base64'];
const DEFAULT_TIME_MS = Date.UTC(2024, 0, 1);
const encoder = new TextEncoder();

/** Config entries in stored form: `{value, desc}` objects are kept, plain values are wrapped. */
function storedConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(config)) {
    const wrapped = isRecord(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'desc');
    out[key] = wrapped ? { value: v.value, desc: v.desc ?? null } : { value: v, desc: null };
  }
  return out;
}

/** History rows with `_step` filled in (previous + 1) and checked to increase. */
function historyOf(reader: FixtureReader, key: string): Record<string, unknown>[] {
  let previous = -1;
  return reader.list(key).map((row, i) => {
    const path = `${reader.at(key)}[${i}]`;
    if (!isRecord(row)) throw new FixtureError(path, 'expected an object');
    if (key === 'events') return row;
    const step = row._step ?? previous + 1;
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= previous) {
      throw new FixtureError(`${path}._step`, `expected an integer greater than ${previous}`);
    }
    previous = step;
    return { ...row, _step: step };
  });
}

function mimetypeOf(name: string, json: boolean, text: boolean): string {
  if (json || name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'application/x-yaml';
  return text ? 'text/plain' : 'application/octet-stream';
}

function fileOf(item: unknown, path: string, updatedAt: string): DatasetFile {
  const file = new FixtureReader(item, path, FILE_FIELDS);
  const name = file.string('name');
  const sources = ['text', 'json', 'base64'].filter((k) => file.has(k));
  if (sources.length !== 1) throw new FixtureError(path, 'needs exactly one of "text", "json" or "base64"');
  let bytes: Uint8Array;
  if (file.has('text')) bytes = encoder.encode(file.string('text'));
  else if (file.has('json')) bytes = encoder.encode(JSON.stringify(file.raw('json')));
  else {
    const b64 = file.string('base64');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new FixtureError(file.at('base64'), 'is not base64');
    bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  }
  return {
    name,
    mimetype: file.optionalString('mimetype', mimetypeOf(name, file.has('json'), file.has('text'))),
    updatedAt: file.optionalTime('updatedAt', updatedAt),
    bytes,
  };
}

/** The summary a run gets when the fixture gives none: the last value of each history key. */
function lastValues(history: readonly Record<string, unknown>[]): Record<string, unknown> {
  return Object.assign({}, ...history) as Record<string, unknown>;
}

/** Reads run `index` of a fixture. `ownerOf(entity)` gives the default username. */
export function runOf(item: unknown, index: number, ownerOf: (entity: string) => string): DatasetRun {
  const run = new FixtureReader(item, `runs[${index}]`, RUN_FIELDS);
  const entity = run.string('entity');
  const createdAt = run.optionalTime(
    'createdAt',
    new Date(DEFAULT_TIME_MS + index * 1000).toISOString().slice(0, 19),
  );
  const heartbeatAt = run.optionalTime('heartbeatAt', null);
  const history = historyOf(run, 'history');
  const events = historyOf(run, 'events');
  const names = new Set<string>();
  const files = run.list('files').map((f, i) => {
    const file = fileOf(f, `${run.at('files')}[${i}]`, heartbeatAt ?? createdAt);
    if (names.has(file.name))
      throw new FixtureError(`${run.at('files')}[${i}].name`, `duplicate file "${file.name}"`);
    names.add(file.name);
    return file;
  });
  return {
    entity,
    project: run.string('project'),
    name: run.string('name'),
    displayName: run.optionalString('displayName', null),
    state: run.optionalString('state', 'finished'),
    createdAt,
    heartbeatAt,
    username: run.optionalString('username', ownerOf(entity)),
    tags: run.strings('tags'),
    group: run.optionalString('group', null),
    jobType: run.optionalString('jobType', null),
    notes: run.optionalString('notes', null),
    sweep: run.optionalString('sweep', null),
    host: run.optionalString('host', null),
    commit: run.optionalString('commit', null),
    config: storedConfig(run.record('config')),
    summary: run.has('summary') ? run.record('summary') : lastValues(history),
    systemMetrics: run.record('systemMetrics'),
    history,
    events,
    files,
  };
}
