/** The import cycles in `folders` (default: every package's `src`), each as the list of files on it. */
export function findCycles(folders?: string[]): Promise<string[][]>;
