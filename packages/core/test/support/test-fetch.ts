/** A recorded request made through {@link scriptedFetch}. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  signal: AbortSignal | null;
  redirect: RequestRedirect | undefined;
}

/** What a scripted step returns: a Response, or a function of the request. */
export type Step = Response | Error | ((request: RecordedRequest) => Response | Promise<Response>);

/**
 * A fake fetch for unit tests: answers with `steps` in order (the last one repeats) and records
 * every request. Test-only; not exported from the package.
 */
export function scriptedFetch(steps: Step[]): typeof fetch & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fake = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
      signal: init.signal ?? null,
      redirect: init.redirect,
    };
    const step = steps[Math.min(requests.length, steps.length - 1)] as Step;
    requests.push(request);
    if (request.signal?.aborted) throw request.signal.reason;
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step.clone();
    return step(request);
  };
  return Object.assign(fake as typeof fetch, { requests });
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Waits until the signal aborts, then rejects with its reason (a fetch that never answers). */
export function hang(request: RecordedRequest): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
  });
}
