import { generate } from '@graphql-codegen/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'wbapi-codegen-validation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function codegen(operation: string): Promise<void> {
  const file = join(scratch, `op-${Math.random().toString(36).slice(2)}.graphql`);
  writeFileSync(file, operation);
  await generate(
    {
      schema: new URL('../../../schema/wandb.graphql', import.meta.url).pathname,
      documents: [file],
      silent: true,
      generates: {
        [join(scratch, 'out.ts')]: {
          plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
          config: { documentMode: 'string' },
        },
      },
    },
    false,
  );
}

describe('codegen validates operations against schema/wandb.graphql', () => {
  it('accepts an operation that matches the schema', async () => {
    await expect(
      codegen('query Ok($e: String!, $p: String!) { project(name: $p, entityName: $e) { id name } }'),
    ).resolves.toBeUndefined();
  });

  it('fails on a field the schema does not have', async () => {
    await expect(
      codegen('query Bad($e: String!, $p: String!) { project(name: $p, entityName: $e) { id notAField } }'),
    ).rejects.toThrow(/notAField/);
  });

  it('fails on a variable of the wrong type', async () => {
    await expect(
      codegen('query BadVar($e: Int!, $p: String!) { project(name: $p, entityName: $e) { id } }'),
    ).rejects.toThrow();
  });
});
