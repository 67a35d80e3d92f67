// The API report: every name each public entry point exports, with its signature, written to
// `packages/<pkg>/api-report/<entry>.api.md` (committed, so that a change of the surface shows in
// review). `pnpm lint` runs the check; a drift fails it with the command that updates the files.
//
//   node scripts/api-report/api-report.mjs           check (exit 1 on drift)
//   node scripts/api-report/api-report.mjs --write   update the committed reports
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Public entry points by package: entry name → source file. */
const ENTRIES = {
  core: { index: 'src/index.ts', internal: 'src/internal.ts' },
  node: { index: 'src/index.ts' },
  browser: { index: 'src/index.ts' },
};

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature;

/** Drops `import("/abs/path").` qualifiers, which would differ between clones. */
const unqualify = (text) => text.replace(/import\("[^"]*"\)\./g, '');

function program(files) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.base.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const options = { ...config.options, noEmit: true, paths: workspacePaths(), baseUrl: root };
  return ts.createProgram(files, options);
}

/** Resolves the workspace packages to their sources (the report does not need a build). */
function workspacePaths() {
  return {
    '@wbapi/core': ['packages/core/src/index.ts'],
    '@wbapi/core/internal': ['packages/core/src/internal.ts'],
    '@wbapi/gql': ['packages/gql/src/index.ts'],
  };
}

/** One line per member of a class or interface: `name: type` or `name(args): result`. */
function members(checker, type, location) {
  const lines = [];
  for (const prop of checker.getPropertiesOfType(type)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const modifiers = decl ? ts.getCombinedModifierFlags(decl) : 0;
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    if (prop.name.startsWith('#') || prop.name.startsWith('__')) continue;
    const propType = checker.getTypeOfSymbolAtLocation(prop, location);
    const optional = prop.flags & ts.SymbolFlags.Optional ? '?' : '';
    const readonly = modifiers & ts.ModifierFlags.Readonly ? 'readonly ' : '';
    lines.push(`  ${readonly}${prop.name}${optional}: ${checker.typeToString(propType, location, FLAGS)}`);
  }
  return lines;
}

function describe(checker, exported, location) {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const out = [];
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) {
    const classType = checker.getDeclaredTypeOfSymbol(symbol);
    const staticType = checker.getTypeOfSymbolAtLocation(symbol, location);
    out.push(`class ${checker.typeToString(classType, location, FLAGS)}`);
    for (const signature of staticType.getConstructSignatures())
      out.push(`  new ${checker.signatureToString(signature, location, FLAGS)}`);
    for (const line of members(checker, staticType, location))
      if (!line.includes(' prototype: ')) out.push(line.replace(/^ {2}/, '  static '));
    out.push(...members(checker, classType, location));
  } else if (flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, location);
    const signatures = type.getCallSignatures();
    if (flags & ts.SymbolFlags.Function && signatures.length > 0) {
      for (const signature of signatures)
        out.push(`function ${exported.name}${checker.signatureToString(signature, location, FLAGS)}`);
    } else {
      out.push(`const ${exported.name}: ${checker.typeToString(type, location, FLAGS)}`);
    }
  } else if (flags & ts.SymbolFlags.Interface) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    out.push(`interface ${checker.typeToString(type, location, FLAGS)}`);
    out.push(...members(checker, type, location));
  } else if (flags & ts.SymbolFlags.TypeAlias) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const text = checker.typeToString(type, location, FLAGS | ts.TypeFormatFlags.InTypeAlias);
    out.push(`type ${exported.name} = ${text}`);
  } else {
    out.push(`${ts.SymbolFlags[flags] ?? flags} ${exported.name}`);
  }
  if (symbol.name !== exported.name && !(flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)))
    out[0] = `${out[0]} (exported as ${exported.name})`;
  return out.join('\n');
}

/** The report text of one entry point. */
function report(prog, pkg, entry, file) {
  const checker = prog.getTypeChecker();
  const source = prog.getSourceFile(join(root, 'packages', pkg, file));
  if (!source) throw new Error(`no source file for ${pkg} ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exports = checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name));
  const name = `@wbapi/${pkg}${entry === 'index' ? '' : `/${entry}`}`;
  const blocks = exports.map((symbol) => describe(checker, symbol, source));
  return [
    `# API report: ${name}`,
    '',
    `${exports.length} exported names. Generated by \`pnpm api:report\`; do not edit.`,
    '',
    '```ts',
    unqualify(blocks.join('\n\n')),
    '```',
    '',
  ].join('\n');
}

const write = process.argv.includes('--write');
const files = Object.entries(ENTRIES).flatMap(([pkg, entries]) =>
  Object.values(entries).map((file) => join(root, 'packages', pkg, file)),
);
const prog = program(files);
const drifted = [];
for (const [pkg, entries] of Object.entries(ENTRIES)) {
  for (const [entry, file] of Object.entries(entries)) {
    const text = report(prog, pkg, entry, file);
    const dir = join(root, 'packages', pkg, 'api-report');
    const target = join(dir, `${entry}.api.md`);
    if (write) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(target, text);
    } else if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      drifted.push(target.slice(root.length + 1));
    }
  }
}
if (drifted.length > 0) {
  console.error(
    `The public API changed (${drifted.join(', ')}). If that is intended, run\n` +
      '  pnpm api:report\nand commit the reports (mention the change in a changeset).',
  );
  process.exit(1);
}
console.log(write ? 'API reports written' : 'API reports up to date');
