import { describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError, type BetaReport } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

async function weekly(): Promise<BetaReport> {
  const [report] = await testApi(testServer())
    .reports('acme/mnist', { name: 'weekly' })
    .toArray({ limit: 1 });
  if (!report) throw new Error('report missing from the test data');
  return report;
}

describe('api.reports', () => {
  it('lists a project’s reports page by page', async () => {
    const reports = await testApi(testServer()).reports('acme/mnist', { perPage: 1 }).toArray({ limit: 10 });
    expect(reports.map((r) => r.name).sort()).toEqual(['other', 'weekly']);
  });

  it('exposes every attribute', async () => {
    const report = await weekly();
    expect(report.id).toBe('Vmlldzox');
    expect(report.displayName).toBe('Weekly Results: lr');
    expect(report.description).toBe('lr summary');
    expect(report.user).toMatchObject({ username: 'ada' });
    expect(report.spec['version']).toBe(5);
    expect(report.sections).toHaveLength(1);
    expect(report.createdAt).toMatch(/^2024-05-01T10:01:00/);
    expect(report.updatedAt).toMatch(/^2024-05-01T10:02:00/);
    expect(report.url).toBe(`${testServer().url}/acme/mnist/reports/Weekly-Results-lr--Vmlldzox`);
  });

  it('finds a report by URL-quoted name, or none', async () => {
    const api = testApi(testServer());
    expect(await api.reports('acme/mnist', { name: 'we%65kly' }).toArray({ limit: 5 })).toHaveLength(1);
    expect(await api.reports('acme/mnist', { name: 'nope' }).toArray({ limit: 5 })).toEqual([]);
  });

  it('says when the project does not exist', async () => {
    await expect(testApi(testServer()).reports('acme/nope').toArray({ limit: 1 })).rejects.toThrow(
      new NotFoundError('Project nope does not exist under entity acme'),
    );
  });

  it('uses the default entity and project', async () => {
    const api = testApi(testServer(), { project: 'mnist' });
    expect(await api.reports().toArray({ limit: 5 })).toHaveLength(2);
  });
});

describe('report.runs', () => {
  it('applies the run set filters and sort, selected runs only', async () => {
    const report = await weekly();
    const runs = await report.runs(report.sections[0]!).toArray({ limit: 50 });
    // state finished, selected r00/r01/r03 → r00 and r03; ascending summary loss → r03 first.
    expect(runs.map((r) => r.id)).toEqual(['r03', 'r00']);
  });

  it('lists every matching run with onlySelected false', async () => {
    const report = await weekly();
    const runs = await report
      .runs(report.sections[0]!, { onlySelected: false, perPage: 2 })
      .toArray({ limit: 50 });
    expect(runs.map((r) => r.id)).toEqual(['r09', 'r06', 'r03', 'r00']);
  });

  it('also reads the newer sort shape with a list of keys', async () => {
    const report = await weekly();
    const section = structuredClone(report.sections[0]!) as { runSets: Array<Record<string, unknown>> };
    section.runSets[0]!['sort'] = { keys: [{ key: { section: 'config', name: 'lr' }, ascending: false }] };
    const runs = await report.runs(section).toArray({ limit: 10 });
    expect(runs.map((r) => r.id)).toEqual(['r03', 'r00']);
    // The spec itself is not changed by listing runs.
    expect(JSON.stringify(report.sections[0])).not.toContain('$in');
  });

  it('rejects a section without run sets', async () => {
    const report = await weekly();
    expect(() => report.runs({ name: 'empty' })).toThrow(BadInputError);
  });
});
