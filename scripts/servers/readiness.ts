/** Waiting until a server or process answers, and the probes it is asked with. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { printTail, sleep } from './command.js';
import { warn } from './messages.js';
import { pidRunning } from './pids.js';

/**
 * Polls `check` every 0.25 s until it holds or `timeoutSeconds` pass; fails early when `pid`
 * dies. On failure the log's last lines are shown and false is returned.
 */
export async function waitUntil(options: {
  timeoutSeconds: number;
  what: string;
  pid?: number;
  log?: string;
  check: () => Promise<boolean> | boolean;
}): Promise<boolean> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    if (
      await Promise.resolve()
        .then(options.check)
        .catch(() => false)
    )
      return true;
    if (options.pid !== undefined && !pidRunning(options.pid)) {
      warn(`${options.what}: the process exited during start-up.`);
      if (options.log) printTail(options.log, 40);
      return false;
    }
    if (Date.now() >= deadline) {
      warn(`${options.what}: not ready after ${options.timeoutSeconds}s.`);
      if (options.log) printTail(options.log, 40);
      return false;
    }
    await sleep(250);
  }
}

/** Does the URL answer 2xx within 2 s? */
export async function httpOk(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** The internal token: the environment's, else the profile's secrets file's, else the development default. */
export function internalToken(run: string | undefined): string {
  if (process.env.INTERNAL_API_TOKEN) return process.env.INTERNAL_API_TOKEN;
  const file = run && path.join(run, 'secrets');
  if (file && existsSync(file)) {
    const value = /^export INTERNAL_API_TOKEN=(.*)$/m.exec(readFileSync(file, 'utf8'))?.[1];
    if (value) return value.replace(/^'(.*)'$/, '$1');
  }
  return 'local-internal-token-change-me';
}

/**
 * A process's /ready answers 2xx. The gateway's asks for the internal token (its public port
 * keeps dependency details to operators).
 */
export const readyOk = (url: string, run?: string) => httpOk(url, { 'x-internal-token': internalToken(run) });
