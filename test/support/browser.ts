import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, installed by scripts/test (scripts/servers/debian.ts): never a browser download. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium; the sandbox needs user namespaces that a root test run does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

export interface PageOrigin {
  /** `http://127.0.0.1:<port>`: another origin than the gateway's, on the same site. */
  origin: string;
  close(): Promise<void>;
}

/** Serves one HTML page at `/` from a second local origin, as a frontend's own web server would. */
export async function servePage(html: string): Promise<PageOrigin> {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
