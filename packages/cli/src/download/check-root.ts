import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { OutputError } from '../export/output-error';

/**
 * Refuses a download folder that cannot be one before anything is downloaded: `root`, or the
 * nearest of its parents that exists, must be a folder (not a file).
 *
 * @throws OutputError naming the file in the way.
 */
export async function checkDownloadRoot(root: string): Promise<void> {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const found = await stat(dir).catch(() => null);
    if (found) {
      if (!found.isDirectory()) throw new OutputError(`--root ${root}: ${dir} is a file, not a folder`);
      return;
    }
    if (dirname(dir) === dir) return;
  }
}
