import { describe, expect, it } from 'vitest';
import { AuthenticationError, BadInputError, NotFoundError, type FileSource, type Platform } from '../src';
import { openFile } from '../src/internal';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const model = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256);

describe('run.files', () => {
  it('lists every file with its attributes and counts them all', async () => {
    const run = await testApi(testServer()).run('acme/files/withfiles');
    const files = run.files({ perPage: 4 });
    const all = await files.toArray({ limit: Infinity });
    expect(all.map((f) => f.name).slice(0, 3)).toEqual(['config.yaml', 'data/metrics.json', 'model.bin']);
    expect(all).toHaveLength(10);
    expect(await files.length()).toBe(10);
    const yaml = all[0]!;
    expect(yaml.sizeBytes).toBe(8);
    expect(yaml.size).toBe(8);
    expect(yaml.mimetype).toBe('application/x-yaml');
    expect(yaml.md5).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(yaml.url).toContain('/files/acme/files/withfiles/config.yaml');
    expect(yaml.directUrl).toBeTruthy();
    expect(yaml.id).toBeTruthy();
    expect(yaml.updatedAt).toMatch(/^2024-05-01T10:05:00/);
  });

  it('filters by names or by a LIKE pattern; length() still counts the whole run', async () => {
    const run = await testApi(testServer()).run('acme/files/withfiles');
    const named = run.files({ names: ['model.bin', 'config.yaml'] });
    expect((await named.toArray({ limit: 10 })).map((f) => f.name).sort()).toEqual([
      'config.yaml',
      'model.bin',
    ]);
    expect(await named.length()).toBe(10);
    const pngs = await run.files({ pattern: 'media/%.png', perPage: 3 }).toArray({ limit: 100 });
    expect(pngs).toHaveLength(7);
  });

  it('refuses names and pattern together', async () => {
    const run = await testApi(testServer()).run('acme/files/withfiles');
    expect(() => run.files({ names: ['a'], pattern: '%' })).toThrow(
      'Querying for files by both names and pattern is not supported. Please provide either a list of names or a pattern to match.',
    );
    expect(() => run.files({ names: ['a'], pattern: '%' })).toThrow(BadInputError);
  });

  it('file(name) finds one file or throws NotFoundError', async () => {
    const run = await testApi(testServer()).run('acme/files/withfiles');
    expect((await run.file('data/metrics.json')).sizeBytes).toBe(8);
    await expect(run.file('missing.txt')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('file bytes', () => {
  it('streams the whole file and from an offset', async () => {
    const file = await (await testApi(testServer()).run('acme/files/withfiles')).file('model.bin');
    expect(await bytesOf(await file.stream())).toEqual(model);
    expect(await bytesOf(await file.stream({ offset: 4990 }))).toEqual(model.slice(4990));
  });

  it('gives the platform a source that opens through the client, with Range', async () => {
    const seen: Array<{ offset: number; totalBytes: number | null; text: string }> = [];
    const platform: Platform<{ offset: number }, string> = {
      name: 'test',
      async download(source: FileSource, options) {
        const opened = await source.open({ offset: options.offset });
        const text = new TextDecoder().decode(await bytesOf(opened.body));
        seen.push({ offset: opened.offset, totalBytes: opened.totalBytes, text });
        return `${source.name}:${source.sizeBytes}:${text}`;
      },
    };
    const api = testApi(testServer(), { platform });
    const file = await (await api.run('acme/files/withfiles')).file('config.yaml');
    expect(await file.download({ offset: 0 })).toBe('config.yaml:8:lr: 0.1\n');
    await file.download({ offset: 4 });
    expect(seen[1]).toEqual({ offset: 4, totalBytes: 8, text: '0.1\n' });
  });

  it('still starts at the offset when the server ignores Range', async () => {
    const dropRange: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('range');
      return fetch(input, { ...init, headers });
    };
    const api = testApi(testServer(), { fetch: dropRange });
    const file = await (await api.run('acme/files/withfiles')).file('model.bin');
    expect(await bytesOf(await file.stream({ offset: 4321 }))).toEqual(model.slice(4321));
  });

  it('retries a dropped download', async () => {
    const api = testApi(testServer());
    const file = await (await api.run('acme/files/withfiles')).file('model.bin');
    testServer().faults.update({ targets: ['files'] });
    testServer().faults.failNext(2, 503);
    expect(await bytesOf(await file.stream())).toEqual(model);
  });

  it('needs the API key for the bytes', async () => {
    const file = await (await testApi(testServer()).run('acme/files/withfiles')).file('config.yaml');
    const anonymous = testApi(testServer(), { apiKey: 'wrong_' + 'x'.repeat(40) });
    await expect(openFile(anonymous.context.client, file.url, {})).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('without a platform, download() explains what to use instead', async () => {
    const file = await (await testApi(testServer()).run('acme/files/withfiles')).file('config.yaml');
    await expect(file.download()).rejects.toBeInstanceOf(BadInputError);
  });
});
