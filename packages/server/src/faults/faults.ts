/** How a `failNext` request fails. */
export type FailKind = number | 'reset' | 'graphql-error';

/** Which endpoints a fault applies to. */
export type FaultTarget = 'graphql' | 'files';

/**
 * Faults to inject. Rates are fractions of requests (0..1), drawn from a seeded generator so a
 * test run is reproducible. Everything is off by default.
 */
export interface FaultConfig {
  /** Milliseconds added before every response. @defaultValue 0 */
  latencyMs?: number;
  /** Fraction of requests answered with a 5xx status from `errorStatuses`. @defaultValue 0 */
  errorRate?: number;
  /** Statuses used by `errorRate`, taken in turn. @defaultValue [500, 502, 503] */
  errorStatuses?: number[];
  /** Fraction of requests answered 429 with `Retry-After`. @defaultValue 0 */
  rateLimitRate?: number;
  /** `Retry-After` value (seconds) sent with 429. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** Fraction of responses whose connection is reset in the middle of the body. @defaultValue 0 */
  resetRate?: number;
  /** The next N requests fail with `failStatus`. @defaultValue 0 */
  failNext?: number;
  /**
   * How `failNext` requests fail: an HTTP status, `'reset'` for a mid-body reset, or
   * `'graphql-error'` for HTTP 200 with `errors` and `data: null` (file downloads get 500).
   * @defaultValue 503
   */
  failStatus?: FailKind;
  /** Message of injected GraphQL errors. @defaultValue 'Injected fault: GraphQL error' */
  graphqlErrorMessage?: string;
  /** Endpoints the faults apply to. @defaultValue ['graphql', 'files'] */
  targets?: FaultTarget[];
  /** Seed of the random draws. @defaultValue 1 */
  seed?: number;
  /** Answer as a server without `Run.parquetHistory`: queries selecting it fail validation (400). @defaultValue false */
  parquetHistoryUnsupported?: boolean;
  /** History export URLs refuse `HEAD` with 403, as S3 pre-signed GET URLs do. @defaultValue false */
  exportHeadRefused?: boolean;
  /** History export URLs ignore `Range` and answer 200 with the whole file. @defaultValue false */
  exportRangeIgnored?: boolean;
  /** Lifetime in ms of the export URLs handed out from now on (overrides the server option). */
  exportUrlTtlMs?: number;
  /** `parquetHistory` answers an empty `liveData`, as some backends do. @defaultValue false */
  liveDataOmitted?: boolean;
  /**
   * GraphQL replies are sent in `dripChunks` pieces with this many ms before each piece after the
   * headers, as a slow link streams a large reply (for read-gap timeouts). @defaultValue 0 (off)
   */
  dripMs?: number;
  /** Pieces of a dripped GraphQL reply. @defaultValue 8 */
  dripChunks?: number;
}

/** What to do with one request. */
export interface FaultDecision {
  latencyMs: number;
  /** Answer with this status instead of the real response. */
  status?: number;
  /** `Retry-After` header value (seconds) for the injected status. */
  retryAfterSeconds?: number;
  /** Send part of the real body, then reset the connection. */
  reset?: boolean;
  /** Answer 200 with this GraphQL error message (GraphQL requests only). */
  graphqlError?: string;
  /** Send the body in pieces, waiting before each (GraphQL replies only; see `FaultConfig.dripMs`). */
  drip?: Drip;
}

/** A body sent in `chunks` pieces with `delayMs` before each. */
export interface Drip {
  chunks: number;
  delayMs: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fault injection of a running server, changeable at any time (e.g. turned on in the middle of a
 * scan). `server.faults.update({ errorRate: 0.2 })`, `server.faults.failNext(2, 429)`, `clear()`.
 */
export class FaultController {
  private config: FaultConfig = {};
  private random: () => number = mulberry32(1);
  private errorTurn = 0;
  /** Requests seen on targeted endpoints, and how many got a fault. */
  readonly stats = { requests: 0, injected: 0 };

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  /** The current configuration. */
  get current(): Readonly<FaultConfig> {
    return this.config;
  }

  /** Replaces the configuration (and reseeds the random draws). */
  set(config: FaultConfig): void {
    this.config = { ...config };
    this.random = mulberry32(config.seed ?? 1);
    this.errorTurn = 0;
  }

  /** Changes some settings, keeping the others. */
  update(partial: FaultConfig): void {
    this.config = { ...this.config, ...partial };
    if (partial.seed !== undefined) this.random = mulberry32(partial.seed);
  }

  /** Turns every fault off. */
  clear(): void {
    this.set({});
  }

  /**
   * Makes the next `count` targeted requests fail with `status`, a reset or a GraphQL error;
   * 429 carries Retry-After.
   */
  failNext(count: number, status: FailKind = 503, retryAfterSeconds?: number): void {
    this.update({
      failNext: count,
      failStatus: status,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }

  /** Decides the fault for one request on `target` (called by the server). */
  decide(target: FaultTarget): FaultDecision {
    const c = this.config;
    if (!(c.targets ?? ['graphql', 'files']).includes(target)) return { latencyMs: 0 };
    this.stats.requests += 1;
    const decision: FaultDecision = { latencyMs: c.latencyMs ?? 0 };
    if ((c.dripMs ?? 0) > 0)
      decision.drip = { chunks: Math.max(1, c.dripChunks ?? 8), delayMs: c.dripMs ?? 0 };
    const retryAfterSeconds = c.retryAfterSeconds ?? 1;
    if ((c.failNext ?? 0) > 0) {
      this.config = { ...c, failNext: (c.failNext ?? 0) - 1 };
      this.stats.injected += 1;
      const status = c.failStatus ?? 503;
      if (status === 'reset') return { ...decision, reset: true };
      if (status === 'graphql-error') {
        if (target === 'files') return { ...decision, status: 500 };
        return { ...decision, graphqlError: c.graphqlErrorMessage ?? 'Injected fault: GraphQL error' };
      }
      return { ...decision, status, ...(status === 429 ? { retryAfterSeconds } : {}) };
    }
    const errorRate = c.errorRate ?? 0;
    const rateLimitRate = c.rateLimitRate ?? 0;
    const resetRate = c.resetRate ?? 0;
    if (errorRate + rateLimitRate + resetRate <= 0) return decision;
    const draw = this.random();
    if (draw < errorRate) {
      const statuses = c.errorStatuses?.length ? c.errorStatuses : [500, 502, 503];
      this.stats.injected += 1;
      return { ...decision, status: statuses[this.errorTurn++ % statuses.length] as number };
    }
    if (draw < errorRate + rateLimitRate) {
      this.stats.injected += 1;
      return { ...decision, status: 429, retryAfterSeconds };
    }
    if (draw < errorRate + rateLimitRate + resetRate) {
      this.stats.injected += 1;
      return { ...decision, reset: true };
    }
    return decision;
  }
}
