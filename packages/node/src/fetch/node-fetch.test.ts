import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch } from './node-fetch';

let target: Server;
let proxy: Server;
let targetUrl: string;
let proxyUrl: string;
const sockets = new Set<Socket>();
const tunnels: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  target = createServer((req, res) => {
    sockets.add(req.socket);
    res.end(`hello ${req.url}`);
  });
  targetUrl = await listen(target);
  // A CONNECT proxy that records where it tunnels to.
  proxy = createServer((_, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxyUrl = await listen(proxy);
});

afterAll(async () => {
  for (const server of [target, proxy]) {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
});

describe('createNodeFetch', () => {
  it('reuses one connection for successive requests', async () => {
    sockets.clear();
    const fetch = createNodeFetch({ env: {} });
    for (const path of ['/a', '/b', '/c', '/d', '/e', '/f', '/g', '/h'])
      expect(await (await fetch(targetUrl + path)).text()).toBe(`hello ${path}`);
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('goes through HTTP_PROXY, and not for hosts in NO_PROXY', async () => {
    tunnels.length = 0;
    const proxied = createNodeFetch({ env: { HTTP_PROXY: proxyUrl } });
    expect(await (await proxied(targetUrl + '/p')).text()).toBe('hello /p');
    expect(tunnels).toEqual([new URL(targetUrl).host]);

    const bypass = createNodeFetch({ env: { http_proxy: proxyUrl, NO_PROXY: '127.0.0.1' } });
    expect(await (await bypass(targetUrl + '/q')).text()).toBe('hello /q');
    expect(tunnels).toHaveLength(1);
  });
});
