import { Option, type Command } from 'commander';
import type { CliIo, GlobalFlags } from '../context';
import { oneOf, parsePositiveInt } from '../parse-flags';
import { artifactGetCommand, type ArtifactGetFlags } from './artifact-get';
import { artifactLsCommand, type ArtifactLsFlags } from './artifact-ls';
import { artifactVersionsCommand, type ArtifactVersionsFlags } from './artifact-versions';

function formatOption(): Option {
  return new Option('--format <format>', 'output format')
    .default('table')
    .argParser(oneOf(['table', 'json', 'jsonl', 'csv'] as const));
}

/** Adds `wbapi artifact get|ls|versions` to `program`. */
export function addArtifactCommands(program: Command, globals: () => GlobalFlags, io: CliIo): void {
  const artifact = program
    .command('artifact')
    .description('download artifact versions, list collections and versions (registries too)');

  artifact
    .command('get')
    .description('download a version, every file checked against its manifest digest')
    .argument('<path>', 'entity/project/name:alias, or [org/]wandb-registry-<name>/<collection>:<alias>')
    .option('--root <dir>', 'folder to write into (default: ./artifacts/<name>:v<N>, as Python)')
    .option('--type <type>', 'refuse a version of another type')
    .option('--path-prefix <prefix>', 'only files whose path starts with this')
    .addOption(
      new Option('--concurrency <n>', 'most files (or parts) downloaded at once')
        .default(8)
        .argParser(parsePositiveInt),
    )
    .action((path: string, flags: ArtifactGetFlags) => artifactGetCommand(path, flags, globals(), io));

  artifact
    .command('ls')
    .description("list a project's (or a registry's) artifact collections with their newest version")
    .argument('<entity/project>', 'a project, or [org/]wandb-registry-<name>')
    .option('--type <type>', 'only collections of this type (e.g. model)')
    .addOption(formatOption())
    .action((project: string, flags: ArtifactLsFlags) => artifactLsCommand(project, flags, globals(), io));

  artifact
    .command('versions')
    .description("list a collection's versions with their aliases, newest first")
    .argument('<path>', 'entity/project/collection, or [org/]wandb-registry-<name>/<collection>')
    .option('--type <type>', "the collection's type (looked up when left out)")
    .addOption(formatOption())
    .action((path: string, flags: ArtifactVersionsFlags) =>
      artifactVersionsCommand(path, flags, globals(), io),
    );
}
