import type { IncomingMessage } from 'node:http';

/** How long a refused request's remaining body is read before its connection is cut. */
const LINGER_MS = 30_000;

/**
 * Reads and drops what is left of a request refused before its body was read (an upload over its
 * limit, of a refused type). Closing the connection at once would make the client's next write fail
 * with EPIPE before it reads the answer; draining lets it finish sending and read the refusal. A
 * client still sending after the linger time has its connection cut, so none can hold one open.
 */
export function discardUnreadBody(req: IncomingMessage, lingerMs = LINGER_MS): void {
  if (req.complete || req.destroyed) return;
  req.unpipe();
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), lingerMs);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
}
