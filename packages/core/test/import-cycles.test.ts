import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles } from '../../../scripts/cycles/check-cycles.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wbapi-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (name → source) into a fresh folder and returns it. */
function fixture(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(folder, file), source);
  return folder;
}

// `pnpm lint` runs the same check over every package's `src` (`pnpm lint:cycles`).
describe('the import cycle check of `pnpm lint`', { timeout: 120_000 }, () => {
  it('finds a cycle made on purpose, static or through import()', async () => {
    const folder = fixture('cycle', {
      'a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { c } from './c';\nexport const b = (): number => c();\n",
      'c.ts': "export const c = async (): Promise<number> => (await import('./a')).a();\n",
    });
    const cycles = await findCycles([folder]);
    expect(cycles.length).toBeGreaterThan(0);
    expect(cycles.flat().join(' ')).toMatch(/a\.ts.*b\.ts|b\.ts.*a\.ts/);
  });

  it('passes a graph without cycles, and ignores type-only imports (erased at compile time)', async () => {
    const folder = fixture('acyclic', {
      'a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import type { A } from './c';\nexport const b = (): number => 1;\nexport type B = A;\n",
      'c.ts': "import type { B } from './b';\nexport type A = B | number;\n",
    });
    expect(await findCycles([folder])).toEqual([]);
  });
});
