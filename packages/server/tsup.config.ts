import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base';

// The SDL is embedded as text at build time so the published package works without the repo.
export default defineConfig(
  packageOptions({
    entry: ['src/index.ts', 'src/cli.ts'],
    loader: { '.graphql': 'text' },
  }),
);
