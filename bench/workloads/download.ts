import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Api } from '@wbapi/node';
import type { Workload, WorkloadContext } from './types';

const PATH = 'bench/scan/scanrun';

export const download: Workload = {
  id: 'download',
  title: 'Download one large file to disk',
  unit: 'bytes',
  client: (ctx: WorkloadContext) => async () => {
    const api = new Api({ baseUrl: ctx.url, apiKey: ctx.apiKey });
    const run = await api.run(PATH);
    const file = await run.file('big.bin');
    const target = await file.download({ root: join(ctx.scratch, 'client'), replace: true });
    await rm(target);
    return file.sizeBytes;
  },
  limit: (ctx: WorkloadContext) => async () => {
    const response = await fetch(`${ctx.url}/files/${PATH}/big.bin`, {
      headers: { authorization: `Basic ${Buffer.from(`api:${ctx.apiKey}`).toString('base64')}` },
    });
    if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
    const target = join(ctx.scratch, 'limit-big.bin');
    let bytes = 0;
    const counted = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).on(
      'data',
      (chunk: Buffer) => (bytes += chunk.length),
    );
    await pipeline(counted, createWriteStream(target));
    await rm(target);
    return bytes;
  },
};
