/** Who listens where: probes of the loopback ports and the message when a port is taken. */
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runSync } from './command.js';
import { die } from './messages.js';
import type { Profile } from './profile.js';
import { host, root, versions } from './settings.js';

/** Is something listening on 127.0.0.1:<port>? */
export function portOpen(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Name of the process listening on a port (best effort, for error messages), as " (users…)". */
export function portOwner(port: number): string {
  const listing = runSync('ss', ['-Hltnp', `sport = :${port}`]).stdout;
  const owner = /users:\(\(([^)]*)/.exec(listing)?.[1];
  return owner ? ` (${owner})` : '';
}

const hints: Record<string, string> = {
  postgres: ` (a Debian cluster? try: pg_ctlcluster ${versions.postgresMajor} main stop)`,
  redis: ' (the Debian service? try: service redis-server stop)',
};

export function portConflict(server: { name: string; label: string; overrideVariable: string }, port: number, profile: Profile): never {
  let other = '';
  if (profile.name === 'test' && existsSync(path.join(root, '.run/dev'))) {
    other = ' If it is the dev infrastructure (.run/dev), stop it with scripts/down, or run the tests against it with SMARTCOURSE_TEST_USE_DEV=1 scripts/test';
  } else if (profile.name === 'dev' && existsSync(path.join(root, '.run/test'))) {
    other = " If it is a test run's infrastructure, stop it with: scripts/down --profile test";
  }
  die(
    `port ${port} (${server.label}) is in use by another process${portOwner(port)}${hints[server.name] ?? ''}; stop it or set ${server.overrideVariable} to use it.${other}`,
  );
}
