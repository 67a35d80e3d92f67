import type { Hooks } from '@wbapi/node';

/** `1.2 s`, `850 ms`. */
function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/**
 * Hooks that say on `stream` when a request is retried and why (the URL and root cause are in
 * the error's message), so that a slow failure is never silent.
 */
export function retryNotes(stream: NodeJS.WritableStream): Hooks {
  return {
    retry(event) {
      const why = event.error instanceof Error ? event.error.message : String(event.error);
      stream.write(`wbapi: ${why}; retrying in ${formatDelay(event.delayMs)} (retry ${event.attempt})\n`);
    },
  };
}

/** One set of hooks calling each of `all` in turn. */
export function allHooks(...all: ReadonlyArray<Hooks | undefined>): Hooks {
  const each = <K extends keyof Hooks>(name: K) =>
    ((event: never) => {
      for (const hooks of all) (hooks?.[name] as ((e: never) => void) | undefined)?.call(hooks, event);
    }) as NonNullable<Hooks[K]>;
  return { request: each('request'), response: each('response'), retry: each('retry'), error: each('error') };
}
