import type { LinkedSignal } from './abort';

/**
 * Returns `response` with a body that unlinks `link` from the caller's signal once the body has
 * been read to the end, has failed or was cancelled. Without this, every download made with one
 * long-lived signal would leave an `abort` listener on it (and Node warns past ten).
 *
 * With no caller signal there is nothing to unlink later, so `link` is released at once and the
 * response is returned as it is.
 */
export function releaseWhenRead(
  response: Response,
  link: LinkedSignal,
  callerSignal: AbortSignal | undefined,
): Response {
  if (!callerSignal || !response.body) {
    if (!callerSignal) link.dispose();
    return response;
  }
  const reader = response.body.getReader();
  const release = (): void => link.dispose();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const { status, statusText, headers, url } = response;
  const wrapped = new Response(body, { status, statusText, headers });
  Object.defineProperty(wrapped, 'url', { value: url });
  return wrapped;
}
