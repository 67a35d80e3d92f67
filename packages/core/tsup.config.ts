import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// Two entries sharing chunks (also in CJS, so that classes stay one class across both): the
// root (what users call) and `internal` (plumbing for the platform packages).
export default defineConfig(
  packageOptions({
    entry: ['src/index.ts', 'src/internal.ts'],
    splitting: true,
    define: { __WBAPI_VERSION__: JSON.stringify(version) },
  }),
);
