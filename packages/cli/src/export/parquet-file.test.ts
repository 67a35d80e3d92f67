import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeParquetExport, type ParquetRunRows } from './parquet-file';

describe('writeParquetExport', () => {
  it('leaves no file, not even its temporary one, when the rows fail half-way through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wbapi-parquet-'));
    let pass = 0;
    function* runs(): Iterable<ParquetRunRows> {
      pass += 1;
      const rows = Array.from({ length: 25_000 }, (_, step) => ({ _step: step, loss: 1 / (step + 1) }));
      yield { id: 'a', rows };
      // The second pass (the writing one) fails after two row groups went to disk.
      if (pass === 2) throw new Error('the source failed');
      yield { id: 'b', rows };
    }
    await expect(
      writeParquetExport(join(dir, 'out.parquet'), runs, { runIdColumn: true, metadata: () => ({}) }),
    ).rejects.toThrow('the source failed');
    expect(await readdir(dir)).toEqual([]);
  });
});
