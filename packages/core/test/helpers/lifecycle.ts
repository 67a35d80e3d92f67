import type { RunningServer } from '@wbapi/server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer } from './server';

/**
 * Starts a test server before the file's tests and closes it after; faults are cleared after
 * each test. Returns a getter (the server exists only once `beforeAll` ran).
 */
export function useTestServer(): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => server?.faults.clear());
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error('the test server is not running');
    return server;
  };
}
