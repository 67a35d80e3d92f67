import { parse, stringify } from 'yaml';
import type {
  Dataset,
  DatasetProject,
  DatasetReport,
  DatasetRun,
  DatasetSweep,
  DatasetUser,
} from './dataset';
import { FixtureError } from './fixture-error';
import { FixtureReader } from './fixture-reader';
import { runOf } from './fixture-runs';

const DEFAULT_TIME = '2024-01-01T00:00:00';
const TOP_FIELDS = ['version', 'users', 'projects', 'runs', 'sweeps', 'reports'];

function userOf(item: unknown, index: number): DatasetUser {
  const user = new FixtureReader(item, `users[${index}]`, [
    'username',
    'name',
    'email',
    'apiKey',
    'entity',
    'teams',
    'admin',
  ]);
  const username = user.string('username');
  const apiKey = user.string('apiKey');
  if (apiKey.length < 40) throw new FixtureError(user.at('apiKey'), 'must be at least 40 characters');
  const admin = user.optionalBoolean('admin');
  return {
    username,
    name: user.optionalString('name', username),
    email: user.optionalString('email', `${username}@example.test`),
    apiKey,
    entity: user.optionalString('entity', username),
    teams: user.strings('teams'),
    ...(admin === undefined ? {} : { admin }),
  };
}

function projectOf(item: unknown, index: number): DatasetProject {
  const project = new FixtureReader(item, `projects[${index}]`, [
    'entity',
    'name',
    'createdAt',
    'description',
  ]);
  const description = project.optionalString('description', null);
  return {
    entity: project.string('entity'),
    name: project.string('name'),
    createdAt: project.optionalTime('createdAt', DEFAULT_TIME),
    ...(description === null ? {} : { description }),
  };
}

function sweepOf(item: unknown, index: number): DatasetSweep {
  const sweep = new FixtureReader(item, `sweeps[${index}]`, [
    'entity',
    'project',
    'name',
    'displayName',
    'method',
    'state',
    'config',
    'createdAt',
    'runCountExpected',
    'description',
  ]);
  const raw = sweep.raw('config');
  let parsed: unknown;
  if (typeof raw === 'string') {
    try {
      parsed = parse(raw);
    } catch {
      throw new FixtureError(sweep.at('config'), 'is not valid YAML');
    }
  } else parsed = sweep.record('config');
  const config = typeof raw === 'string' ? raw : stringify(parsed);
  const method = (parsed as { method?: unknown } | null)?.method;
  return {
    entity: sweep.string('entity'),
    project: sweep.string('project'),
    name: sweep.string('name'),
    displayName: sweep.optionalString('displayName', null),
    method: sweep.optionalString('method', typeof method === 'string' ? method : 'random'),
    state: sweep.optionalString('state', 'FINISHED'),
    config,
    createdAt: sweep.optionalTime('createdAt', DEFAULT_TIME),
    runCountExpected: sweep.optionalCount('runCountExpected'),
    description: sweep.optionalString('description', null),
  };
}

function reportOf(item: unknown, index: number, ownerOf: (entity: string) => string): DatasetReport {
  const report = new FixtureReader(item, `reports[${index}]`, [
    'entity',
    'project',
    'id',
    'name',
    'displayName',
    'description',
    'username',
    'spec',
    'createdAt',
    'updatedAt',
  ]);
  const entity = report.string('entity');
  const name = report.optionalString('name', `report-${index + 1}`);
  const createdAt = report.optionalTime('createdAt', DEFAULT_TIME);
  return {
    entity,
    project: report.string('project'),
    id: report.optionalString('id', Buffer.from(`View:${index + 1}`).toString('base64')),
    name,
    displayName: report.optionalString('displayName', name),
    description: report.optionalString('description', ''),
    username: report.optionalString('username', ownerOf(entity)),
    spec: report.has('spec') ? report.record('spec') : { version: 5, panelGroups: [], blocks: [] },
    createdAt,
    updatedAt: report.optionalTime('updatedAt', createdAt),
  };
}

function checkUnique<T>(
  items: readonly T[],
  section: string,
  field: string,
  keyOf: (item: T) => string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) throw new FixtureError(`${section}[${i}].${field}`, `duplicate "${key}"`);
    seen.add(key);
  });
}

/**
 * Builds a {@link Dataset} from our JSON fixture format (see `src/demo/README.md`), already
 * JSON-parsed (parse with a NaN-tolerant parser to keep NaN/Infinity values). Fields are
 * checked with errors naming the bad field; omitted optional fields get documented defaults.
 *
 * @throws FixtureError naming the path of the first bad field.
 */
export function loadFixture(json: unknown): Dataset {
  const top = new FixtureReader(json, '', TOP_FIELDS);
  if (top.has('version') && top.raw('version') !== 1)
    throw new FixtureError('version', 'only version 1 is supported');
  const users = top.list('users').map(userOf);
  checkUnique(users, 'users', 'username', (u) => u.username);
  checkUnique(users, 'users', 'apiKey', (u) => u.apiKey);
  const ownerOf = (entity: string): string => users.find((u) => u.entity === entity)?.username ?? entity;
  const projects = top.list('projects').map(projectOf);
  checkUnique(projects, 'projects', 'name', (p) => `${p.entity}/${p.name}`);
  const sweeps = top.list('sweeps').map(sweepOf);
  checkUnique(sweeps, 'sweeps', 'name', (s) => `${s.entity}/${s.project}/${s.name}`);
  const runs: DatasetRun[] = top.list('runs').map((item, i) => runOf(item, i, ownerOf));
  checkUnique(runs, 'runs', 'name', (r) => `${r.entity}/${r.project}/${r.name}`);
  runs.forEach((run, i) => {
    const known = sweeps.some(
      (s) => s.entity === run.entity && s.project === run.project && s.name === run.sweep,
    );
    if (run.sweep !== null && !known) {
      throw new FixtureError(`runs[${i}].sweep`, `no sweep "${run.sweep}" in ${run.entity}/${run.project}`);
    }
  });
  // Projects that runs, sweeps or reports mention are created when the fixture does not list them.
  const reports = top.list('reports').map((item, i) => reportOf(item, i, ownerOf));
  for (const ref of [...runs, ...sweeps, ...reports]) {
    if (!projects.some((p) => p.entity === ref.entity && p.name === ref.project)) {
      projects.push({ entity: ref.entity, name: ref.project, createdAt: DEFAULT_TIME });
    }
  }
  return { users, projects, runs, sweeps, reports };
}
