import { describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError, Run } from '../src';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

describe('api.run', () => {
  it('loads every attribute with TypeScript names', async () => {
    const run = await testApi(testServer()).run('acme/mnist/r00');
    expect(run.id).toBe('r00');
    expect(run.name).toBe('run-0');
    expect(run.storageId).toBeTruthy();
    expect([run.entity, run.project, run.state]).toEqual(['acme', 'mnist', 'finished']);
    expect(run.config).toEqual({ lr: 0.001, batch: 16, arch: { layers: 1, name: 'net0' } });
    expect(run.rawConfig).toEqual({ ...run.config, _wandb: { cli_version: '0.21.4' } });
    expect(run.summary).toMatchObject({ loss: 1, acc: 0, val_loss: 0.5 });
    expect(run.systemMetrics).toEqual({ 'system.cpu': 10 });
    expect(run.tags).toEqual(['even', 'baseline']);
    expect([run.notes, run.group, run.jobType, run.sweepName]).toEqual(['first try', 'g1', 'train', 'sw1']);
    expect(run.createdAt).toMatch(/^2024-05-01T10:00:00/);
    expect(run.heartbeatAt).toMatch(/^2024-05-01T10:01:00/);
    expect(run.user).toEqual({ name: 'Ada Lovelace', username: 'ada' });
    expect(run.path).toEqual(['acme', 'mnist', 'r00']);
    expect(run.url).toBe(`${testServer().url}/acme/mnist/runs/r00`);
    expect(run.readOnly).toBe(false);
    expect(run.historyLineCount).toBe(0);
    expect(String(run)).toBe('<Run acme/mnist/r00 (finished)>');
  });

  it('keeps NaN and Infinity in the summary', async () => {
    const run = await testApi(testServer()).run('acme/mnist/r11');
    expect(run.summary['best']).toBe(Infinity);
    expect(run.summary['weird']).toBeNaN();
  });

  it('accepts the other path spellings', async () => {
    const api = testApi(testServer());
    for (const path of [
      'acme/mnist/runs/r01',
      'acme/mnist:r01',
      ' acme / mnist / r01 ',
      `${testServer().url}/acme/mnist/runs/r01`,
    ]) {
      expect((await api.run(path)).name).toBe('run-1');
    }
  });

  it('throws NotFoundError with the SDK message', async () => {
    const error = await testApi(testServer())
      .run('acme/mnist/nope')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('Could not find run <Run acme/mnist/nope (not found)>');
    await expect(testApi(testServer()).run('acme/nowhere/r00')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('returns the cached object until flush()', async () => {
    const api = testApi(testServer());
    const first = await api.run('acme/mnist/r02');
    expect(await api.run('acme/mnist/r02')).toBe(first);
    api.flush();
    expect(await api.run('acme/mnist/r02')).not.toBe(first);
  });

  it('reloads in place with load({ force: true })', async () => {
    const api = testApi(testServer());
    const run = await api.run('acme/mnist/r03');
    run.name = 'local only';
    await run.load();
    expect(run.name).toBe('run-3');
  });

  it('load({ force }) and lastHistoryStep bypass the response cache', async () => {
    const cached = testApi(testServer(), { cache: {} });
    const run = await cached.run('acme/history/gappy');
    const before = await run.lastHistoryStep();
    const writer = await testApi(testServer()).run('acme/history/gappy');
    writer.notes = 'changed elsewhere';
    await writer.update();
    testServer().store.appendHistory(testServer().store.run('acme', 'history', 'gappy')!.id, [
      { _step: 1000 },
    ]);
    await run.load({ force: true });
    expect(run.notes).toBe('changed elsewhere');
    expect(await run.lastHistoryStep()).toBe(1000);
    expect(before).toBe(300);
  });

  it('asks lastHistoryStep on every call', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    expect(await run.lastHistoryStep()).toBe(249);
    testServer().store.appendHistory(testServer().store.run('acme', 'history', 'dense')!.id, [
      { _step: 250, loss: 0 },
    ]);
    expect(await run.lastHistoryStep()).toBe(250);
    const empty = await testApi(testServer()).run('acme/history/empty');
    expect(await empty.lastHistoryStep()).toBe(-1);
  });
});

describe('writes', () => {
  it('round-trips update(): metadata, config (keeping _wandb) and summary', async () => {
    const api = testApi(testServer());
    const created = await api.createRun({ project: 'mnist', runId: 'upd1' });
    const run = await api.run('acme/mnist/upd1');
    run.name = 'renamed';
    run.tags = ['a', 'b'];
    run.notes = 'some notes';
    run.group = 'grp';
    run.jobType = 'eval';
    run.description = 'desc';
    run.config = { lr: 0.5, nested: { a: [1, 2] } };
    run.summary = { ...run.summary, score: 3, inf: -Infinity };
    await run.update();
    await run.load();
    expect([run.name, run.summary['score']]).toEqual(['renamed', 3]);
    api.flush();
    const again = await api.run('acme/mnist/upd1');
    expect(again.name).toBe('renamed');
    expect(again.tags).toEqual(['a', 'b']);
    expect([again.notes, again.group, again.jobType, again.description]).toEqual([
      'some notes',
      'grp',
      'eval',
      'desc',
    ]);
    expect(again.config).toEqual({ lr: 0.5, nested: { a: [1, 2] } });
    expect(created.id).toBe('upd1');
    expect(again.summary).toEqual({ score: 3, inf: -Infinity });
  });

  it('keeps _wandb in the raw config across update()', async () => {
    const api = testApi(testServer());
    const run = await api.run('acme/mnist/r04');
    run.config = { ...run.config, extra: true };
    await run.update();
    api.flush();
    const again = await api.run('acme/mnist/r04');
    expect(again.rawConfig['_wandb']).toEqual({ cli_version: '0.21.4' });
    expect(again.config['extra']).toBe(true);
  });

  it('writes the whole summary on updateSummary(), trimming keys', async () => {
    const api = testApi(testServer());
    const run = await api.run('acme/mnist/r05');
    const before = { ...run.summary };
    await run.updateSummary({ ' nested ': { a: { b: 1 } }, fresh: NaN });
    api.flush();
    const again = await api.run('acme/mnist/r05');
    expect(again.summary).toEqual({ ...before, nested: { a: { b: 1 } }, fresh: NaN });
  });

  it('creates with a random [a-z0-9]{8} id and deletes', async () => {
    const api = testApi(testServer());
    const run = await api.createRun({ project: 'scratch' });
    expect(run.id).toMatch(/^[a-z0-9]{8}$/);
    expect([run.entity, run.project, run.state]).toEqual(['acme', 'scratch', 'running']);
    expect(run.config).toEqual({});
    const loaded = await api.run(`acme/scratch/${run.id}`);
    expect(loaded.storageId).toBe(run.storageId);
    await loaded.delete();
    api.flush();
    await expect(api.run(`acme/scratch/${run.id}`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('Run.create lets the server choose the entity and defaults the project', async () => {
    const api = testApi(testServer());
    const run = await Run.create(api, { runId: 'plain1' });
    expect([run.entity, run.project, run.id]).toEqual(['acme', 'uncategorized', 'plain1']);
  });

  it('deleting a run that has no storage id is refused locally', async () => {
    const run = new Run(testApi(testServer()).context, 'acme', 'mnist', 'ghost', { state: 'running' });
    await expect(run.delete()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('waitUntilFinished polls until the state is final', async () => {
    const api = testApi(testServer());
    const run = await api.createRun({ project: 'mnist', runId: 'waiter' });
    let polls = 0;
    const watching = testApi(testServer(), {
      hooks: {
        request: (e) => {
          if (e.operationName !== 'RunState' || ++polls !== 3) return;
          testServer().store.prepare("UPDATE runs SET state = 'crashed' WHERE name = 'waiter'").run();
        },
      },
    });
    const same = await watching.run('acme/mnist/waiter');
    expect(await same.waitUntilFinished({ intervalMs: 1 })).toBe('crashed');
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(same.state).toBe('crashed');
    const controller = new AbortController();
    const pending = run.waitUntilFinished({ intervalMs: 60_000, signal: controller.signal });
    testServer().store.prepare("UPDATE runs SET state = 'running' WHERE name = 'waiter'").run();
    controller.abort(new Error('stop waiting'));
    await expect(pending).rejects.toThrow('stop waiting');
  });

  it('sweep() is lazy and null without a sweep', async () => {
    const api = testApi(testServer());
    expect((await (await api.run('acme/mnist/r00')).sweep())?.id).toBe('sw1');
    expect(await (await api.run('acme/mnist/r09')).sweep()).toBeNull();
  });

  it('rejects bad history keys before any request', async () => {
    const run = await testApi(testServer()).run('acme/history/dense');
    await expect(run.history({ keys: ['loss'], stream: 'system' })).rejects.toBeInstanceOf(BadInputError);
    await expect(run.history({ keys: [1] as unknown as string[] })).rejects.toBeInstanceOf(BadInputError);
  });
});
