import { isAbsolute, relative } from 'node:path';
import { downloadArtifact, resolveArtifact } from '@wbapi/node';
import { createApi, write, type CliIo, type GlobalFlags } from '../context';
import { checkDownloadRoot } from '../download/check-root';
import { createDownloadDisplay } from '../progress/download-display';
import { formatBytes } from '../progress/progress-display';

/** Flags of `wbapi artifact get`. */
export interface ArtifactGetFlags {
  root?: string;
  type?: string;
  pathPrefix?: string;
  concurrency: number;
}

/** `root` relative to the working folder when it lies inside it (`artifacts/model:v1`), else absolute. */
function shown(root: string): string {
  const inside = relative(process.cwd(), root);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : root;
}

/**
 * `wbapi artifact get <path>`: downloads a version (`entity/project/name:alias`, or a registry
 * path `[org/]wandb-registry-<name>/<collection>:<alias>`) into `--root`, by default
 * `<WANDB_ARTIFACT_DIR or ./artifacts>/<collection>:v<N>` as Python picks it. Every file is
 * checked against the manifest's MD5 and only placed once all are verified, through the cache
 * Python shares, so a failure leaves nothing half-written. Prints the folder on stdout.
 */
export async function artifactGetCommand(
  path: string,
  flags: ArtifactGetFlags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<void> {
  if (flags.root) await checkDownloadRoot(flags.root);
  const api = createApi(globals, io);
  const call = io.signal ? { signal: io.signal } : {};
  const organization = process.env.WANDB_ORGANIZATION;
  const artifact = await resolveArtifact(api.context, path, {
    ...call,
    ...(flags.type ? { type: flags.type } : {}),
    ...(organization ? { organization } : {}),
  });
  const display = createDownloadDisplay(artifact.sourceName, { stream: io.stderr });
  let root: string;
  let totals = { files: 0, bytes: 0 };
  try {
    root = await downloadArtifact(artifact, {
      ...call,
      ...(flags.root ? { root: flags.root } : {}),
      ...(flags.pathPrefix ? { pathPrefix: flags.pathPrefix } : {}),
      concurrency: flags.concurrency,
      onProgress: (progress) => {
        totals = { files: progress.totalFiles, bytes: progress.totalBytes };
        display.update(progress);
      },
    });
  } finally {
    display.stop();
  }
  if (totals.files === 0 && flags.pathPrefix) {
    await write(io.stderr, `wbapi: no file of ${artifact.qualifiedName} starts with ${flags.pathPrefix}\n`);
  }
  const where = shown(root);
  const version = artifact.name === artifact.sourceName ? '' : ` (${artifact.sourceName})`;
  await write(
    io.stderr,
    `wbapi: ${artifact.qualifiedName}${version}: ${totals.files} files, ${formatBytes(totals.bytes)} in ${where}\n`,
  );
  await write(io.stdout, `${where}\n`);
}
