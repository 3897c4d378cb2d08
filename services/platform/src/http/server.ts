import type { Express } from 'express';
import { createServer, type Server } from 'node:http';

export interface HttpServer {
  server: Server;
  /** Stops taking connections and waits for in-flight requests. */
  stop(): Promise<void>;
}

export async function listen(app: Express, options: { port: number; host: string }): Promise<HttpServer> {
  const server = createServer(app);
  // The client (a load balancer: 60 s; undici: 4 s) must be the one to close an idle connection:
  // a server closing it first races a request just sent on it, which fails ("other side closed").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
