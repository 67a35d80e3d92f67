import { describe, expect, it } from 'vitest';
import { createSession, type HistoryRow } from '../src';
import { AdaptivePageSize } from '../src/export/adaptive-page-size';
import { runsHistoryPages, type RunsHistoryPagesOptions } from '../src/export/runs-history-pages';
import { API_KEY } from './helpers/dataset';
import { testApi } from './helpers/server';
import { useTestServer } from './helpers/lifecycle';

const server = useTestServer();

const LISTING = { entity: 'acme', project: 'history', filters: '{}', order: '+created_at' };

/** Reads every page; returns each run's rows by name, and the requests sent. */
async function readAll(options: RunsHistoryPagesOptions) {
  let requests = 0;
  const session = createSession({
    baseUrl: server().url,
    apiKey: API_KEY,
    fetch: (input, init) => fetch(input, init),
    hooks: { request: () => requests++ },
  });
  const byRun = new Map<string, HistoryRow[]>();
  const pages: number[] = [];
  for await (const page of runsHistoryPages(session, LISTING, options)) {
    pages.push(page.length);
    for (const { node, history } of page) byRun.set(node.name, history);
  }
  return { byRun, pages, requests };
}

async function oneByOne(options: { samples: number; keys?: string[] }) {
  const api = testApi(server());
  const byRun = new Map<string, HistoryRow[]>();
  for await (const run of api.runs('acme/history'))
    byRun.set(run.id, (await run.history(options)) as HistoryRow[]);
  return byRun;
}

describe('runsHistoryPages', () => {
  it('gives every run the rows run.history() gives, several runs per request, with and without keys', async () => {
    for (const options of [{ samples: 40, keys: ['loss'] }, { samples: 40 }]) {
      const alone = await oneByOne(options);
      const pageSize = new AdaptivePageSize({ rowsPerRun: 40, maxRuns: 2, targetRows: 80 });
      const batched = await readAll({ ...options, pageSize });
      expect(alone.size).toBe(4);
      expect(batched.byRun).toEqual(alone);
      expect(batched.requests).toBe(2);
      expect(batched.byRun.get('dense')).toHaveLength(40);
    }
  });

  it('asks again for fewer runs when the server says a page was too much', async () => {
    const alone = await oneByOne({ samples: 40, keys: ['loss'] });
    server().faults.failNext(1, 504);
    const pageSize = new AdaptivePageSize({ rowsPerRun: 40, maxRuns: 4, targetRows: 160 });
    const batched = await readAll({ samples: 40, keys: ['loss'], pageSize, retry: false });
    expect(batched.byRun).toEqual(alone);
    expect(batched.pages[0]).toBe(2);
  });

  it('fails with the error when fewer runs would not help', async () => {
    server().faults.failNext(1, 400);
    await expect(readAll({ samples: 40, retry: false })).rejects.toMatchObject({ status: 400 });
  });
});
