/**
 * scripts/up: install what is missing, start the servers (profile dev), provision topics and
 * schemas, start the services and the gateway, then supervise them until Ctrl-C; or, with
 * --infra-only, start the servers only and return.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvFile } from '../servers/env-file.js';
import { initProfile, installServers, serversStatus, startServers, stopServers } from '../servers/infrastructure.js';
import { die, log, ok, warn } from '../servers/messages.js';
import { deadProcesses, startProcess, startProcesses, stopProcesses } from '../servers/node-processes.js';
import { alivePid } from '../servers/pids.js';
import { tail } from '../servers/command.js';
import type { Session } from '../servers/server.js';
import { root } from '../servers/settings.js';
import { printHelp, runCommand } from './lifecycle.js';
import { upMarker } from './up-marker.js';

let session: Session | undefined;
let upPidFile: string | undefined;
const startedProcesses: string[] = [];
/** Set when the clean-up begins: the supervisor must not bring back what it stops. */
let stopping = false;

/** Provisioning output goes to the terminal and to .run/dev/logs/provision.log. */
function provision(logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const file = createWriteStream(logFile, { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        file.write(chunk);
      });
    }
    child.once('exit', (code) => file.end(() => resolve(code ?? 1)));
  });
}

async function body(): Promise<number> {
  let infraOnly = false;
  for (const arg of process.argv.slice(2)) {
    if (arg === '--infra-only') infraOnly = true;
    else if (arg === '-h' || arg === '--help') {
      printHelp(path.join(root, 'scripts/up'), 2, 14);
      return 0;
    } else die(`unknown argument: ${arg} (see scripts/up --help)`);
  }
  process.chdir(root);
  session = await initProfile('dev');
  const { profile } = session;
  const pidFile = path.join(profile.run, 'up.pid');
  const already = alivePid(pidFile, upMarker);
  if (already !== undefined) die(`scripts/up is already running (pid ${already}); stop it with Ctrl-C in its terminal or scripts/down`);
  const began = Date.now();
  await installServers();

  if (infraOnly) {
    await startServers(session);
    const status = await serversStatus(profile);
    process.stdout.write(`\n${status.join('\n')}\n\n`);
    process.stdout.write(`Infrastructure is running (profile dev). Environment: source ${profile.run}/env\nStop it with: scripts/down\n`);
    session = undefined; // the servers stay up
    return 0;
  }

  writeFileSync(pidFile, `${process.pid}\n`);
  upPidFile = pidFile;
  await startServers(session);
  Object.assign(process.env, loadEnvFile(path.join(profile.run, 'env')));

  if (existsSync(path.join(root, 'scripts/provision.ts'))) {
    log('provisioning topics and schemas (scripts/provision.ts)');
    const provisionLog = path.join(profile.run, 'logs/provision.log');
    if ((await provision(provisionLog)) !== 0) die(`provisioning failed (log: ${provisionLog})`);
  } else {
    warn('scripts/provision.ts does not exist yet; skipping topic and schema provisioning');
  }

  if (!(await startProcesses(profile, startedProcesses))) die('a process did not become ready; see its log under .run/dev/logs/');

  process.stdout.write(`
SmartCourse is up (${Math.round((Date.now() - began) / 1000)}s)
  Gateway            http://127.0.0.1:3000
  API docs (Swagger) http://127.0.0.1:3000/api/docs
  MailDev (mail UI)  ${process.env.MAIL_API_URL}
  Schema registry    ${process.env.SCHEMA_REGISTRY_URL}
  Kafka              ${process.env.KAFKA_BROKERS}
  Logs               .run/dev/logs/   Environment: source .run/dev/env
Press Ctrl-C to stop.
`);
  return supervise(session);
}

/**
 * A supervisor, as ARCHITECTURE asks of a process whose consumer died: a process that exits is
 * restarted (up to SMARTCOURSE_MAX_RESTARTS times each), after showing why it stopped.
 */
async function supervise(current: Session): Promise<never> {
  const restarts = new Map<string, number>();
  const maxRestarts = Number(process.env.SMARTCOURSE_MAX_RESTARTS || 5);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (stopping) continue;
    for (const spec of deadProcesses(current.profile, startedProcesses)) {
      if (stopping) break;
      const logFile = path.join(current.profile.run, 'logs', `${spec.name}.log`);
      warn(`${spec.name} exited; last lines of .run/dev/logs/${spec.name}.log:`);
      process.stderr.write(`${tail(logFile, 20)}\n`);
      const count = (restarts.get(spec.name) ?? 0) + 1;
      restarts.set(spec.name, count);
      if (count > maxRestarts) die(`${spec.name} exited ${maxRestarts} times; stopping`);
      if (!(await startProcess(current.profile, spec, startedProcesses))) die(`${spec.name} did not come back`);
    }
  }
}

async function cleanup(status: number): Promise<number> {
  stopping = true;
  if (!session || !upPidFile) return status;
  process.stderr.write('\n');
  log('stopping...');
  await stopProcesses(session.profile);
  await stopServers(session.profile, { only: session.started, quiet: true });
  rmSync(upPidFile, { force: true });
  ok('stopped');
  return status;
}

runCommand(body, cleanup);
