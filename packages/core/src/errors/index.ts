/**
 * wbapi's error hierarchy: one base class, a few subclasses with data in properties.
 *
 * @packageDocumentation
 */
export { WandbError, type WandbErrorOptions } from './wandb-error';
export { HttpError, redactUrl, type HttpErrorInit } from './http-error';
export { AuthenticationError } from './authentication-error';
export { NotFoundError } from './not-found-error';
export { RateLimitError } from './rate-limit-error';
export { GraphQLError, type GraphQLErrorEntry, type GraphQLErrorInit } from './graphql-error';
export { TimeoutError } from './timeout-error';
export { NetworkError } from './network-error';
export { BadInputError } from './bad-input-error';
export { PaginationError } from './pagination-error';
export { MalformedResponseError } from './malformed-response-error';
export { FileExistsError } from './file-exists-error';
export { UnsafePathError } from './unsafe-path-error';
export { ChecksumMismatchError } from './checksum-mismatch-error';
export { FileSystemError } from './file-system-error';
export { NotLoadedError } from './not-loaded-error';
export {
  errorFromResponse,
  graphQLErrorsOf,
  joinGraphQLMessages,
  redactSecrets,
  truncate,
  type FailedResponse,
} from './error-from-response';
