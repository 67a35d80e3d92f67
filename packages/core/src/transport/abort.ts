/** The reason an aborted signal carries, or a standard `AbortError` when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Throws the signal's reason when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** A signal linked to others, with a way to unlink it once it is no longer needed. */
export interface LinkedSignal {
  /** Aborts as soon as any source aborts, with that source's reason. */
  readonly signal: AbortSignal;
  /** Removes the listeners on the sources (call when done, to avoid leaks on long-lived signals). */
  dispose(): void;
}

/**
 * A signal that aborts when any of `signals` does (like `AbortSignal.any`, which older runtimes lack).
 * `undefined` entries are ignored.
 */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): LinkedSignal {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const dispose = (): void => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  for (const source of signals) {
    if (!source) continue;
    if (source.aborted) {
      controller.abort(abortReason(source));
      break;
    }
    const onAbort = (): void => {
      controller.abort(abortReason(source));
      dispose();
    };
    source.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => source.removeEventListener('abort', onAbort));
  }
  if (controller.signal.aborted) dispose();
  return { signal: controller.signal, dispose };
}

/** The signal for one attempt: the caller's signal plus a timeout that can be cancelled. */
export interface AttemptSignal extends LinkedSignal {
  /** True once the timeout (not the caller) aborted the attempt. */
  timedOut(): boolean;
  /** Stops the timer but keeps the link to the caller's signal (for streamed bodies). */
  clearTimeout(): void;
  /** Starts the timeout again from now (after headers arrive, and after each body read). */
  restartTimeout(): void;
}

/**
 * Combines the caller's signal with a per-attempt timeout. Unlike `AbortSignal.timeout`, the
 * timer can be stopped once headers arrive, so a long streamed download is not cut off.
 */
export function attemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const timer = new AbortController();
  const linked = anySignal([callerSignal, timer.signal]);
  let fired = false;
  const enabled = Number.isFinite(timeoutMs) && timeoutMs > 0;
  const fire = (): void => {
    fired = true;
    timer.abort(new DOMException('The attempt timed out', 'TimeoutError'));
  };
  let handle = enabled ? setTimeout(fire, timeoutMs) : undefined;
  const stop = (): void => {
    if (handle !== undefined) clearTimeout(handle);
    handle = undefined;
  };
  return {
    signal: linked.signal,
    timedOut: () => fired && !callerSignal?.aborted,
    clearTimeout: stop,
    restartTimeout() {
      if (!enabled || fired) return;
      stop();
      handle = setTimeout(fire, timeoutMs);
    },
    dispose() {
      stop();
      linked.dispose();
    },
  };
}

/** Waits `ms`, rejecting at once with the signal's reason if it aborts first. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(handle);
      reject(abortReason(signal as AbortSignal));
    };
    const handle = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
