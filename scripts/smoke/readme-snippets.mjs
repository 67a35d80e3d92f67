// The consumer half of the packaging smoke test: what a new user copies from the READMEs must
// work in a fresh project. Called by pack-and-import.mjs once the tarballs are installed.
//
// - Every fenced `ts` block of the root README and of each public package's README is
//   type-checked, with `skipLibCheck: false`, under `module: nodenext`, `module: commonjs`
//   (legacy `node10` resolution; top-level code wrapped in an async function) and
//   `moduleResolution: bundler`.
// - A block preceded by `<!-- run -->` is also run with Node (types stripped by esbuild) against
//   the local demo server, with `WANDB_BASE_URL` / `WANDB_API_KEY` set and an empty home folder.
// - `<!-- prelude: ... -->` before a block declares what the block takes as given
//   (`declare const apiKey: string;`); it is type-checked with the block, never shown.
// - The `$ wbapi ...` lines of the CLI README's `console` blocks are run in a shell against the
//   same server; each printed line of the README that does not hold a rate or an ETA must appear
//   in what the command printed.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Fenced blocks of one language, with the HTML comments right above them. */
export function fencedBlocks(markdown, language) {
  const blocks = [];
  const lines = markdown.split('\n');
  let notes = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const comment = /^<!--\s*(.*?)\s*-->$/.exec(line.trim());
    if (comment) {
      notes.push(comment[1]);
      continue;
    }
    if (line.trim() === `\`\`\`${language}`) {
      const body = [];
      for (i++; i < lines.length && lines[i].trim() !== '```'; i++) body.push(lines[i]);
      const preludes = notes.filter((n) => n.startsWith('prelude:')).map((n) => n.slice(8).trim());
      blocks.push({ code: body.join('\n'), run: notes.includes('run'), prelude: preludes.join('\n') });
    }
    if (line.trim() !== '') notes = [];
  }
  return blocks;
}

/** Splits leading `import` statements (possibly over several lines) from the rest. */
function splitImports(code) {
  const lines = code.split('\n');
  const imports = [];
  const body = [];
  let inImport = false;
  for (const line of lines) {
    if (inImport || /^import\s/.test(line)) {
      imports.push(line);
      inImport = !/;\s*(\/\/.*)?$/.test(line);
    } else body.push(line);
  }
  return { imports: imports.join('\n'), body: body.join('\n') };
}

const MODES = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', type: 'module' },
  commonjs: { module: 'commonjs', moduleResolution: 'node10', type: 'commonjs', wrap: true },
  bundler: { module: 'esnext', moduleResolution: 'bundler', type: 'module' },
};

/** Type-checks every snippet under each module mode; returns the failures. */
async function typeCheck(snippets, project, tsc) {
  const failures = [];
  for (const [mode, settings] of Object.entries(MODES)) {
    const dir = join(project, `types-${mode}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: settings.type }));
    const files = snippets.map((snippet, i) => {
      const name = `${snippet.id}-${i}.ts`;
      let text;
      if (settings.wrap) {
        const { imports, body } = splitImports(snippet.code);
        text = `${imports}\n${snippet.prelude}\nexport async function snippet(): Promise<void> {\n${body}\n}\n`;
      } else text = `${snippet.prelude}\n${snippet.code}\nexport {};\n`;
      writeFileSync(join(dir, name), text);
      return name;
    });
    const compilerOptions = {
      module: settings.module,
      moduleResolution: settings.moduleResolution,
      target: 'es2022',
      lib: ['es2022', 'dom', 'dom.iterable'],
      types: ['node'],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      esModuleInterop: true,
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
    try {
      await exec(process.execPath, [tsc, '-p', dir], { cwd: dir });
      console.log(`ok   README snippets type-check under ${mode} (${files.length} snippets)`);
    } catch (error) {
      failures.push(`README snippets under ${mode}`);
      console.log(`FAIL README snippets under ${mode}\n${error.stdout || error.message}`);
    }
  }
  return failures;
}

/** Runs the `<!-- run -->` snippets with Node against the server; returns the failures. */
async function runSnippets(snippets, project, esbuild, env) {
  const failures = [];
  const dir = join(project, 'run');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const [i, snippet] of snippets.entries()) {
    if (!snippet.run) continue;
    const file = join(dir, `${snippet.id}-${i}.mjs`);
    const { code } = await esbuild.transform(snippet.code, { loader: 'ts', format: 'esm' });
    writeFileSync(file, code);
    try {
      await exec(process.execPath, [file], { cwd: dir, env, timeout: 120_000 });
      console.log(`ok   runs: ${snippet.id} snippet ${i}`);
    } catch (error) {
      failures.push(`running ${snippet.id} snippet ${i}`);
      console.log(`FAIL runs: ${snippet.id} snippet ${i}\n${error.stderr || error.message}`);
    }
  }
  return failures;
}

/** Runs the CLI README's `$ wbapi ...` examples and compares their stable lines; returns the failures. */
async function runCliExamples(markdown, project, env) {
  const failures = [];
  const dir = join(project, 'cli-examples');
  mkdirSync(dir, { recursive: true });
  const examples = [];
  for (const block of fencedBlocks(markdown, 'console')) {
    let current = null;
    for (const line of block.code.split('\n')) {
      if (line.startsWith('$ ')) {
        current = line.startsWith('$ export ') ? null : { command: line.slice(2), expected: [] };
        if (current) examples.push(current);
      } else if (current && line.trim() !== '' && line !== '...' && !/rows\/s|ETA/.test(line)) {
        current.expected.push(line.trimEnd());
      }
    }
  }
  const path = `${join(project, 'node_modules', '.bin')}:${env.PATH}`;
  for (const { command, expected } of examples) {
    try {
      const { stdout } = await exec('bash', ['-o', 'pipefail', '-c', command], {
        cwd: dir,
        env: { ...env, PATH: path },
        timeout: 120_000,
      });
      const printed = new Set(stdout.split('\n').map((line) => line.trimEnd()));
      const missing = expected.filter((line) => !printed.has(line));
      if (missing.length > 0) throw new Error(`printed:\n${stdout}\nmissing lines:\n${missing.join('\n')}`);
      console.log(`ok   CLI README: $ ${command}`);
    } catch (error) {
      failures.push(`CLI README: ${command}`);
      console.log(`FAIL CLI README: $ ${command}\n${error.stderr || ''}${error.message}`);
    }
  }
  return failures;
}

/**
 * Checks the READMEs against the installed packages in `project`; `readmes` maps an id (`root`,
 * `@wbapi/node`, ...) to a README path. Returns the failures.
 */
export async function checkReadmes({ root, project, readmes }) {
  const requireRoot = createRequire(join(root, 'package.json'));
  const tsc = requireRoot.resolve('typescript/bin/tsc');
  const esbuild = requireRoot('esbuild');
  const snippets = Object.entries(readmes).flatMap(([id, file]) =>
    fencedBlocks(readFileSync(file, 'utf8'), 'ts').map((block) => ({
      ...block,
      id: id.replace(/[@/]/g, (c) => (c === '/' ? '-' : '')),
    })),
  );
  const failures = await typeCheck(snippets, project, tsc);

  // The installed server, with the demo data set the READMEs use.
  const serverEntry = createRequire(join(project, 'package.json')).resolve('@wbapi/server');
  const { startServer } = await import(pathToFileURL(serverEntry).href);
  const server = await startServer({ demo: true });
  const home = join(project, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    WANDB_BASE_URL: server.url,
    WANDB_API_KEY: server.apiKey,
  };
  try {
    failures.push(...(await runSnippets(snippets, project, esbuild, env)));
    const cliReadme = readmes['@wbapi/cli'];
    if (cliReadme) failures.push(...(await runCliExamples(readFileSync(cliReadme, 'utf8'), project, env)));
  } finally {
    await server.close();
  }
  return failures;
}
