// Fails when a package's source has an import cycle (static or `import()`; type-only imports are
// erased by TypeScript and do not count). Run by `pnpm lint`; `check-cycles.test.ts` checks that
// it catches a cycle made on purpose.
//
//   node scripts/cycles/check-cycles.mjs [folder ...]   (default: packages/*/src)
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function defaultFolders() {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .map((name) => join(packages, name, 'src'))
    .filter((folder) => existsSync(folder));
}

/** The cycles in `folders` (default: every package's `src`), each as the list of files on it. */
export async function findCycles(folders = defaultFolders()) {
  const result = await cruise(folders, {
    validate: true,
    ruleSet: {
      forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }],
    },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.d\\.ts$', '/generated/'] },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: join(root, 'tsconfig.base.json') },
  });
  return result.output.summary.violations
    .filter((violation) => violation.rule.name === 'no-circular')
    .map((violation) => [violation.from, ...(violation.cycle ?? []).map((step) => step.name ?? step)]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folders = process.argv.slice(2);
  const cycles = await findCycles(folders.length > 0 ? folders : undefined);
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s):`);
    for (const cycle of cycles) console.error(`  ${cycle.join(' -> ')}`);
    process.exit(1);
  }
  console.log('no import cycles');
}
