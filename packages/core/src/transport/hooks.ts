/** What kind of call an event belongs to. */
export type CallKind = 'query' | 'mutation' | 'file';

/** Sent before every attempt. */
export interface RequestEvent {
  /** The GraphQL operation name (`'fetchFile'` for file downloads, `''` when unnamed). */
  operationName: string;
  /** Kind of call. */
  kind: CallKind;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
}

/** Sent when an attempt got an HTTP reply (any status). */
export interface ResponseEvent {
  /** The GraphQL operation name. */
  operationName: string;
  /** Kind of call. */
  kind: CallKind;
  /** Attempt number. */
  attempt: number;
  /** HTTP status. */
  status: number;
  /** Time from sending to the end of reading the body (GraphQL) or the headers (files), in ms. */
  durationMs: number;
}

/** Sent before waiting for a retry. */
export interface RetryEvent {
  /** The GraphQL operation name. */
  operationName: string;
  /** Kind of call. */
  kind: CallKind;
  /** The attempt that failed. */
  attempt: number;
  /** How long the client waits before the next attempt, in ms. */
  delayMs: number;
  /** Why the attempt failed. */
  error: unknown;
}

/** Sent once when a call fails for good (not when it is aborted by the caller). */
export interface ErrorEvent {
  /** The GraphQL operation name. */
  operationName: string;
  /** Kind of call. */
  kind: CallKind;
  /** Attempts made. */
  attempts: number;
  /** The error the call rejects with. */
  error: unknown;
}

/** Event callbacks. They never receive the API key, variables or bodies; what they throw is ignored. */
export interface Hooks {
  /** Before every attempt. */
  request?(event: RequestEvent): void;
  /** After every HTTP reply. */
  response?(event: ResponseEvent): void;
  /** Before waiting for a retry. */
  retry?(event: RetryEvent): void;
  /** When a call fails for good. */
  error?(event: ErrorEvent): void;
}

/** A console-like logger: `request`/`response` go to `debug`, `retry` to `warn`, `error` to `error`. */
export interface Logger {
  /** Detailed progress. */
  debug?(message: string, data?: unknown): void;
  /** Unusual but handled. */
  warn?(message: string, data?: unknown): void;
  /** A call failed. */
  error?(message: string, data?: unknown): void;
}

/** Calls a hook, ignoring what it throws: observing a call must not break it. */
function safely<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // A faulty hook is the caller's problem, not the request's.
  }
}

/** Merges hooks and a logger into one set of hooks that never throws. */
export function combineHooks(hooks: Hooks | undefined, logger: Logger | undefined): Required<Hooks> {
  return {
    request(event) {
      safely(hooks?.request?.bind(hooks), event);
      safely(
        (e: RequestEvent) => logger?.debug?.(`wbapi request ${e.operationName} #${e.attempt}`, e),
        event,
      );
    },
    response(event) {
      safely(hooks?.response?.bind(hooks), event);
      safely(
        (e: ResponseEvent) => logger?.debug?.(`wbapi response ${e.operationName} ${e.status}`, e),
        event,
      );
    },
    retry(event) {
      safely(hooks?.retry?.bind(hooks), event);
      safely(
        (e: RetryEvent) => logger?.warn?.(`wbapi retry ${e.operationName} in ${e.delayMs} ms`, e),
        event,
      );
    },
    error(event) {
      safely(hooks?.error?.bind(hooks), event);
      safely((e: ErrorEvent) => logger?.error?.(`wbapi error ${e.operationName}`, e), event);
    },
  };
}
