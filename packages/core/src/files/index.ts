/**
 * Run files: listing, streaming and downloading.
 *
 * @packageDocumentation
 */
export { File, type FileAttrs } from './file';
export { Files, type FilesOptions } from './files';
export { openFile, skipBytes } from './open-file';
