/** Starting a server that is one process answering a readiness check: FerretDB, MailDev, versitygw. */
import { die, ok } from './messages.js';
import { spawnServer } from './pids.js';
import { pidFile } from './profile.js';
import { waitUntil } from './readiness.js';
import type { Server, Session } from './server.js';
import { startTimeout } from './settings.js';

/** Spawns the process (pid file, log), records it as started by this session, and waits until `ready` answers. */
export async function launchProcess(
  session: Session,
  options: {
    name: Server['name'];
    label: string;
    command: string;
    args: readonly string[];
    env?: NodeJS.ProcessEnv;
    log: string;
    ready: () => Promise<boolean>;
  },
): Promise<void> {
  const { profile } = session;
  const started = spawnServer({
    name: options.name,
    profileName: profile.name,
    pidPath: pidFile(profile, options.name),
    log: options.log,
    command: options.command,
    args: options.args,
    ...(options.env ? { env: options.env } : {}),
  });
  session.started.push(options.name);
  if (!(await waitUntil({ timeoutSeconds: startTimeout, what: options.label, pid: started, log: options.log, check: options.ready })))
    die(`${options.label} did not become ready (log: ${options.log})`);
  ok(`${options.label} ready (pid ${started})`);
}
