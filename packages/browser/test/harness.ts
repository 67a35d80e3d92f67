// Runs page code in real headless Chromium: bundles a test entry with esbuild, serves it from a
// tiny static server on 127.0.0.1:0, and opens it with playwright-core.
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium binary: `CHROMIUM_PATH`, else the system one. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Fails with the fix when Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`bash scripts/setup.sh --browser\` (or set CHROMIUM_PATH)`,
    );
  }
}

/**
 * Bundles `entry` for the browser (ESM, resolving `@wbapi/browser` from its built dist) with code
 * splitting, as a page's bundler would: returns every output file by name, the entry as `page.js`
 * and the chunks that the library loads through `import()` beside it.
 */
export async function bundle(
  entry: string,
  options: { minify?: boolean } = {},
): Promise<Record<string, string>> {
  const result = await build({
    entryPoints: { page: entry },
    bundle: true,
    write: false,
    outdir: 'page-out',
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? false,
    logLevel: 'silent',
  });
  return Object.fromEntries(result.outputFiles.map((file) => [basename(file.path), file.text]));
}

/** Extra routes of the page server, by exact path. */
export type Routes = Record<string, (res: ServerResponse) => void>;

/** A static server for one page, its scripts (by file name, `page.js` first) and any extra routes. */
export async function servePage(
  scripts: Record<string, string>,
  routes: Routes = {},
): Promise<{ origin: string; close(): Promise<void> }> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>wbapi</title><script type="module" src="/page.js"></script>';
  const server: Server = createServer((req, res) => {
    const name = req.url?.slice(1) ?? '';
    const script = Object.hasOwn(scripts, name) ? scripts[name] : undefined;
    if (script !== undefined) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    else if (req.url !== undefined && Object.hasOwn(routes, req.url)) routes[req.url]?.(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Launches headless Chromium and opens `origin`, waiting until the page script has loaded. */
export async function openPage(origin: string): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  requireChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(origin);
  await page.waitForFunction(() => 'wbapiTests' in window);
  return { browser, page, errors };
}
