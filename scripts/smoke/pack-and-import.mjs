#!/usr/bin/env node
// Packaging smoke test: packs every public workspace package, installs the tarballs into a
// scratch project outside the workspace, and checks that each one loads as ESM and as CJS, that
// @wbapi/browser bundles for browsers, and that the READMEs work there as written (snippets
// type-checked under three module settings and run, CLI examples run: readme-snippets.mjs).
// Run after `pnpm build`.
//
//   node scripts/smoke/pack-and-import.mjs [--keep] [--skip @wbapi/name ...]
//
// --keep leaves the scratch folder in place; --skip leaves a package out (e.g. one being built).
//
// Dependencies (yaml, undici, better-sqlite3, graphql, and @types/node for the type checks) come
// from the npm registry or its cache; TypeScript and esbuild are the workspace's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReadmes } from './readme-snippets.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const keep = process.argv.includes('--keep');
const skipped = new Set(process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--skip' ? [arg] : [])));

/** Symbols each entry point must expose, checked under both module systems (others must just load). */
const EXPECTED = {
  '@wbapi/gql': ['RunsDocument'],
  '@wbapi/core': [
    'Api',
    'WandbError',
    'createSession',
    'listRuns',
    'QueryGenerator',
    'exportRuns',
    'getSweep',
  ],
  '@wbapi/core/internal': ['GraphQLClient', 'ApiSession', 'pageFromConnection'],
  '@wbapi/node': ['NodePlatform', 'QueryGenerator', 'exportRuns', 'listRuns', 'Sweep', 'BetaReport'],
  '@wbapi/browser': ['BrowserPlatform', 'saveBlob', 'QueryGenerator', 'BetaReport', 'scanHistory'],
  '@wbapi/server': ['startServer'],
};
/** Entry points besides each package's root. */
const SUBPATHS = { '@wbapi/core': ['internal'] };

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function publicPackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => existsSync(join(path, 'package.json')))
    .map((path) => ({ path, manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private && !skipped.has(manifest.name));
}

const work = mkdtempSync(join(tmpdir(), 'wbapi-smoke-'));
const failures = [];
try {
  const packages = publicPackages();
  const tarballs = join(work, 'tarballs');
  for (const { path, manifest } of packages) {
    if (!existsSync(join(path, 'dist')))
      throw new Error(`${manifest.name} has no dist/: run \`pnpm build\` first`);
    run('pnpm', ['pack', '--pack-destination', tarballs], path);
  }
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  console.log(`packed ${files.length} packages into ${tarballs}`);

  const project = join(work, 'project');
  run('mkdir', ['-p', project], work);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'wbapi-smoke', private: true }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      '@types/node@^20',
      ...files,
    ],
    project,
  );
  console.log(`installed into ${project}`);

  const names = packages.flatMap(({ manifest }) => [
    manifest.name,
    ...(SUBPATHS[manifest.name] ?? []).map((subpath) => `${manifest.name}/${subpath}`),
  ]);
  for (const name of names) {
    const wanted = JSON.stringify(EXPECTED[name] ?? []);
    const probe = (load) =>
      `const m = ${load}; const missing = ${wanted}.filter((k) => !(k in m)); if (missing.length) { console.error('missing ' + missing); process.exit(1); }`;
    for (const [kind, file, code] of [
      ['ESM', 'probe.mjs', probe(`await import(${JSON.stringify(name)})`)],
      ['CJS', 'probe.cjs', probe(`require(${JSON.stringify(name)})`)],
    ]) {
      writeFileSync(join(project, file), code);
      try {
        run(process.execPath, [file], project);
        console.log(`ok   ${kind} ${name}`);
      } catch (error) {
        failures.push(`${kind} ${name}`);
        console.log(`FAIL ${kind} ${name}\n${error.stderr ?? error.message}`);
      }
    }
  }

  // The installed packages work together: the server serves demo data, the Node client lists
  // runs and downloads a file, under both module systems.
  const endToEnd = (load) => `
    const { startServer } = ${load('@wbapi/server')};
    const { Api } = ${load('@wbapi/node')};
    const server = await startServer({ demo: { runsPerProject: 2, historyLength: 5 } });
    try {
      const api = new Api({ baseUrl: server.url, apiKey: server.apiKey });
      const runs = await api.runs('demo/mnist').toArray({ limit: 5 });
      if (runs.length !== 2) throw new Error('expected 2 runs, got ' + runs.length);
      const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'wbapi-smoke-dl-'));
      const path = await (await runs[0].file('config.yaml')).download({ root: dir });
      if (!require('node:fs').readFileSync(path, 'utf8').length) throw new Error('empty download');
      // Loaded on first use from a separate chunk: reports need BetaReport, the same class the root exports.
      const [report] = await api.reports('demo/mnist').toArray({ limit: 1 });
      if (!(report instanceof ${load('@wbapi/node')}.BetaReport)) throw new Error('report is not a BetaReport');
    } finally {
      await server.close();
    }`;
  for (const [kind, file, code] of [
    [
      'ESM',
      'e2e.mjs',
      `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);${endToEnd((n) => `(await import('${n}'))`)}`,
    ],
    [
      'CJS',
      'e2e.cjs',
      `(async () => {${endToEnd((n) => `require('${n}')`)}})().catch((e) => { console.error(e); process.exit(1); });`,
    ],
  ]) {
    writeFileSync(join(project, file), code);
    try {
      run(process.execPath, [file], project);
      console.log(`ok   ${kind} server + node client: list runs, download a file, lazily loaded reports`);
    } catch (error) {
      failures.push(`${kind} end to end`);
      console.log(`FAIL ${kind} end to end\n${error.stderr ?? error.message}`);
    }
  }

  // The browser package must bundle for browsers without Node built-ins.
  const esbuild = createRequire(join(root, 'package.json'))('esbuild');
  writeFileSync(
    join(project, 'page.js'),
    "import { Api } from '@wbapi/browser';\nconst api = new Api({ baseUrl: location.origin, apiKey: 'k' });\nfor await (const run of api.runs('demo/mnist')) console.log(run.name);\n",
  );
  try {
    const result = await esbuild.build({
      entryPoints: [join(project, 'page.js')],
      absWorkingDir: project,
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    console.log(
      `ok   browser bundle of @wbapi/browser (${result.outputFiles[0].contents.length} B minified)`,
    );
  } catch (error) {
    failures.push('browser bundle');
    console.log(`FAIL browser bundle of @wbapi/browser\n${error.message}`);
  }

  const readmes = { root: join(root, 'README.md') };
  for (const { path, manifest } of packages) {
    if (existsSync(join(path, 'README.md'))) readmes[manifest.name] = join(path, 'README.md');
    else {
      failures.push(`${manifest.name} README`);
      console.log(`FAIL ${manifest.name} ships no README`);
    }
  }
  failures.push(...(await checkReadmes({ root, project, readmes })));
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`smoke test failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('smoke test passed');
