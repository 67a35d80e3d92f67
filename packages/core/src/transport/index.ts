/**
 * The GraphQL transport: client, retries, timeouts, cache, hooks and file fetching.
 *
 * @packageDocumentation
 */
export { GraphQLClient } from './graphql-client';
export type { PostText, TextReply, TextRequestInit } from './post-text';
export { bytesOverFetch, type BytesReply, type BytesRequestInit, type GetBytes } from './get-bytes';
export {
  DEFAULT_CACHE,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type CacheOptions,
  type CallOptions,
  type ClientOptions,
  type Clock,
  type RetryOptions,
} from './options';
export type { CallKind, ErrorEvent, Hooks, Logger, RequestEvent, ResponseEvent, RetryEvent } from './hooks';
export { describeFileResponse, type FetchFileOptions, type FileResponseInfo } from './fetch-file';
export { anySignal, type LinkedSignal } from './abort';
export { backoffDelay } from './backoff';
export { isRetryableError, isRetryableStatus } from './retry-policy';
export { parseRetryAfter } from './retry-after';
export { ResponseCache } from './response-cache';
export {
  responseCache,
  type CachePart,
  type CachedQuery,
  type QueryCache,
  type SendQuery,
} from './query-cache';
export { operationInfo, type OperationInfo } from './document-info';
