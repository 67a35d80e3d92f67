import { Command, Option } from 'commander';
import { VERSION } from '@wbapi/node';
import type { CliIo, GlobalFlags } from './context';
import { addArtifactCommands } from './commands/artifact';
import { exportCommand, type ExportFlags } from './commands/export';
import { filesCommand, type FilesFlags } from './commands/files';
import { historyCommand, type HistoryFlags } from './commands/history';
import { runsCommand, type RunsFlags } from './commands/runs';
import { oneOf, parseFilter, parseKeys, parsePositiveInt } from './parse-flags';

/** The `wbapi` command tree; actions write to `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('wbapi')
    .description(
      'Weights & Biases public API from the command line: runs, history, bulk export, files, artifacts.',
    )
    .version(VERSION)
    .option('--base-url <url>', 'API base URL (default: WANDB_BASE_URL, else https://api.wandb.ai)')
    .option('--api-key <key>', 'API key (default: WANDB_API_KEY, else your netrc)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const globals = (): GlobalFlags => program.opts<GlobalFlags>();

  program
    .command('runs')
    .description('list the runs of a project')
    .argument('<entity/project>')
    .option('--filter <json>', 'MongoDB-style filter, e.g. {"state":"finished"}', parseFilter)
    .option('--order <key>', 'sort key with + or -, e.g. -summary_metrics.acc')
    .addOption(
      new Option('--format <format>', 'output format')
        .default('table')
        .argParser(oneOf(['table', 'json', 'jsonl', 'csv'] as const)),
    )
    .action((path: string, flags: RunsFlags) => runsCommand(path, flags, globals(), io));

  program
    .command('history')
    .description("print a run's history (sampled, or every row with --full)")
    .argument('<entity/project/run>')
    .option('--keys <a,b>', 'only these keys (and rows having all of them)', parseKeys)
    .addOption(
      new Option('--samples <n>', 'rows to sample (default 500)')
        .argParser(parsePositiveInt)
        .conflicts('full'),
    )
    .option('--full', 'every row, paged by steps')
    .addOption(
      new Option(
        '--match <all|any>',
        'with --keys: rows having all of the keys, or any of them (merged by step)',
      )
        .argParser(oneOf(['all', 'any'] as const))
        .conflicts('full'),
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .default('jsonl')
        .argParser(oneOf(['jsonl', 'csv'] as const)),
    )
    .action((path: string, flags: HistoryFlags) => historyCommand(path, flags, globals(), io));

  program
    .command('export')
    .description("write every matching run's config, summary and history to a folder or one file")
    .argument('<entity/project>')
    .requiredOption(
      '--out <dir|file>',
      'a folder (one file per run) or a .jsonl/.csv/.parquet file (one combined file)',
    )
    .option('--combined', 'one file for every run (implied by an --out ending in .jsonl, .csv or .parquet)')
    .option('--filter <json>', 'MongoDB-style filter', parseFilter)
    .option('--order <key>', 'sort key with + or -')
    .option('--keys <a,b>', 'only these history keys', parseKeys)
    .option('--full', 'every history row instead of a sample')
    .addOption(
      new Option('--samples <n>', 'rows to sample per run (default 500)')
        .argParser(parsePositiveInt)
        .conflicts('full'),
    )
    .addOption(
      new Option('--format <format>', 'jsonl, csv or parquet (default: from --out, else jsonl)').argParser(
        oneOf(['jsonl', 'csv', 'parquet'] as const),
      ),
    )
    .addOption(
      new Option('--concurrency <n>', 'most runs read at once (lowered on 429s)')
        .default(4)
        .argParser(parsePositiveInt),
    )
    .option('--resume', 'continue an interrupted export in --out, skipping runs already complete')
    .action((path: string, flags: ExportFlags) => exportCommand(path, flags, globals(), io));

  program
    .command('files')
    .description("list a run's files, or download them")
    .argument('<entity/project/run>')
    .option('--download <dir>', 'download the (matching) files into this folder')
    .option('--replace', 'with --download: overwrite files that exist (refused otherwise)')
    .option('--pattern <glob>', 'only files whose name matches this glob, e.g. "*.json" or "media/**"')
    .addOption(
      new Option('--format <format>', 'output format')
        .default('table')
        .argParser(oneOf(['table', 'json', 'jsonl', 'csv'] as const)),
    )
    .action((path: string, flags: FilesFlags) => filesCommand(path, flags, globals(), io));

  addArtifactCommands(program, globals, io);

  return program;
}
