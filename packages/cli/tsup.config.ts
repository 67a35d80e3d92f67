import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base';

// Both builds write to dist/ at once, so neither cleans it (the build script empties it first).
export default defineConfig([
  packageOptions({ clean: false }),
  // The executable: ESM only, with a shebang.
  packageOptions({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
