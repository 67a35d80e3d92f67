/**
 * Placeholder entry point: the package's API lands with its own issue.
 *
 * @packageDocumentation
 */

/** The package's version. */
export const VERSION: string = '0.0.0';
