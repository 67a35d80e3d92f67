import type { Options } from 'tsup';

/** Shared tsup settings: ESM + CJS with their own .d.ts / .d.cts, for every package. */
export function packageOptions(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    splitting: false,
    ...overrides,
  };
}
