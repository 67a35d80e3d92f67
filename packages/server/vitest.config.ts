import { defineConfig, type Plugin } from 'vitest/config';

/** Loads `*.graphql` imports as their text, like tsup's `loader: { '.graphql': 'text' }`. */
function graphqlText(): Plugin {
  return {
    name: 'graphql-text',
    transform(code, id) {
      if (!id.endsWith('.graphql')) return null;
      return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [graphqlText()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
