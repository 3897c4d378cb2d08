/**
 * The platform's own Node processes (the services, then the gateway), from the declared topology:
 * started with the profile's env file, each ready when GET /ready answers 200; stopped in reverse.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startOrder, type ProcessSpec } from '../../contracts/src/topology.js';
import { loadEnvFile } from './env-file.js';
import { die, log, ok, warn } from './messages.js';
import { alivePid, rssMb, spawnServer, stopPid } from './pids.js';
import { portOpen, portOwner } from './ports.js';
import type { Profile } from './profile.js';
import { readyOk, waitUntil } from './readiness.js';
import { statusRow } from './infrastructure.js';
import { host, root } from './settings.js';

const readyTimeout = Number(process.env.SMARTCOURSE_APP_TIMEOUT || 90);
const pidPath = (profile: Profile, name: string) => path.join(profile.run, 'pids', `app-${name}.pid`);
const readyUrl = (spec: ProcessSpec) => `http://${host}:${spec.port}/ready`;

export const processPid = (profile: Profile, spec: ProcessSpec) => alivePid(pidPath(profile, spec.name), spec.entry);

/** Starts one process with the profile's env file (its name added to `started`); resolves false when it did not become ready. */
export async function startProcess(profile: Profile, spec: ProcessSpec, started: string[]): Promise<boolean> {
  const logFile = path.join(profile.run, 'logs', `${spec.name}.log`);
  const running = processPid(profile, spec);
  if (running !== undefined) {
    log(`${spec.name} already running (pid ${running})`);
    return true;
  }
  if (await portOpen(spec.port)) die(`port ${spec.port} (${spec.name}) is in use by another process${portOwner(spec.port)}; stop it first`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  log(`starting ${spec.name} (${spec.entry}, port ${spec.port}, log ${path.relative(root, logFile)})`);
  const env = { ...process.env, ...loadEnvFile(path.join(profile.run, 'env')) };
  env.NODE_ENV ||= 'development';
  env.SERVICE_NAME = spec.name;
  const pid = spawnServer({
    name: spec.name,
    profileName: profile.name,
    pidPath: pidPath(profile, spec.name),
    log: logFile,
    detail: spec.entry,
    cwd: root,
    env,
    command: process.execPath,
    args: ['--enable-source-maps', '--import', 'tsx', spec.entry],
  });
  if (!started.includes(spec.name)) started.push(spec.name);
  if (!(await waitUntil({ timeoutSeconds: readyTimeout, what: spec.name, pid, log: logFile, check: () => readyOk(readyUrl(spec), profile.run) }))) return false;
  ok(`${spec.name} ready on http://${host}:${spec.port} (pid ${pid})`);
  return true;
}

/** Starts every process whose entry file exists, in order; false when one did not become ready. */
export async function startProcesses(profile: Profile, started: string[]): Promise<boolean> {
  for (const spec of startOrder) {
    if (!existsSync(path.join(root, spec.entry))) {
      warn(`skipping ${spec.name}: ${spec.entry} does not exist yet`);
      continue;
    }
    if (!(await startProcess(profile, spec, started))) return false;
  }
  return true;
}

export async function stopProcesses(profile: Profile): Promise<void> {
  for (const spec of [...startOrder].reverse()) {
    const pid = processPid(profile, spec);
    if (pid === undefined) continue;
    log(`stopping ${spec.name} (pid ${pid})`);
    await stopPid(spec.name, pid, 20);
    rmSync(pidPath(profile, spec.name), { force: true });
  }
}

/** The started processes that have exited. */
export const deadProcesses = (profile: Profile, started: readonly string[]) =>
  startOrder.filter((spec) => started.includes(spec.name) && processPid(profile, spec) === undefined);

export async function processesStatus(profile: Profile): Promise<string[]> {
  const lines = [statusRow(['PROCESS', 'STATE', 'PID', 'RSS_MB', 'ADDRESS'], 13)];
  for (const spec of startOrder) {
    const pid = processPid(profile, spec);
    const address = `http://${host}:${spec.port}`;
    if (pid !== undefined) {
      const state = (await readyOk(readyUrl(spec), profile.run)) ? 'running' : 'starting';
      lines.push(statusRow([spec.name, state, String(pid), String(rssMb(pid)), address], 13));
    } else if (existsSync(path.join(root, spec.entry))) {
      lines.push(statusRow([spec.name, 'stopped', '-', '-', address], 13));
    } else {
      lines.push(statusRow([spec.name, 'absent', '-', '-', `(${spec.entry} not written yet)`], 13));
    }
  }
  return lines;
}
