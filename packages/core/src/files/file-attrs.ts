import type { FileFieldsFragment } from '@wbapi/gql';

/** A run file's GraphQL attributes (the `FileFields` fragment): what `listFiles` and `getFile` give. */
export type FileAttrs = FileFieldsFragment;

/** The URL a file downloads from (behind the API's auth), else its storage URL. */
export function fileUrl(file: FileAttrs): string {
  return file.url ?? file.directUrl;
}
