import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startOrder } from '@smartcourse/contracts';
import { repoRoot } from './env.js';
import { withFileLock } from './file-lock.js';
import { adoptProcess, alive, spawnProcess, type ProcessEnv, type RunningProcess } from './launcher.js';
import { operationsHeaders } from './operations.js';

/**
 * One platform for the whole jest run. Starting the six processes takes 15–20 s, so the files
 * share one: the first file asking for it starts it, a file asking for another environment of a
 * process restarts that process alone, and the run's global teardown stops it. Jest gives every
 * file its own module registry, so what is running is kept in a file: `.run/test/platform.json`
 * (also read by scripts/test to clean up after a crash). Two files run side by side (jest workers,
 * test/support/run-order.js), so whatever reads the file and starts or stops processes holds
 * `.run/test/platform.lock`: the second file waits for the first one's start, then adopts it.
 */
const stateFile = path.join(repoRoot, '.run', 'test', 'platform.json');
const lockFile = path.join(repoRoot, '.run', 'test', 'platform.lock');

interface Known {
  name: string;
  port: number;
  pid: number;
  logFile: string;
  /** The extra environment it was started with, as JSON. */
  env: string;
}

interface State {
  processes: Known[];
}

function readState(): State {
  if (!existsSync(stateFile)) return { processes: [] };
  return JSON.parse(readFileSync(stateFile, 'utf8')) as State;
}

function writeState(state: State): void {
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`, { headers: operationsHeaders(), signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Whether a known process, still alive, answers /ready within `ms`. Not one probe: on a busy machine
 * a healthy process may miss one, and restarting it would cut off the file running beside.
 */
async function readyWithin(known: Known, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(known.pid)) {
    if (await ready(known.port)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Stops the shared platform, if one is running (before a file starts processes on the same ports). */
export function releaseSharedPlatform(): Promise<void> {
  return withFileLock(lockFile, async () => {
    const { processes } = readState();
    await Promise.all([...processes].reverse().map((p) => adoptProcess(p).stop()));
    rmSync(stateFile, { force: true });
  });
}

/** Starts (or starts again) one process of the shared platform with this extra environment. */
export function restartSharedProcess(name: string, env: Record<string, string> = {}): Promise<RunningProcess> {
  return withFileLock(lockFile, () => restart(name, env));
}

/** `restartSharedProcess` for a caller already holding the lock. */
async function restart(name: string, env: Record<string, string>): Promise<RunningProcess> {
  const old = readState().processes.find((p) => p.name === name);
  if (old) await adoptProcess(old).stop();
  const started = await spawnProcess(name, { env });
  const known: Known = { name, port: started.port, pid: started.pid, logFile: started.logFile, env: JSON.stringify(env) };
  // Read again: the processes restarted side by side with this one wrote theirs meanwhile.
  writeState({ processes: [...readState().processes.filter((p) => p.name !== name), known] });
  return started;
}

/**
 * The shared platform with this extra environment per process: each process already running with
 * the same environment and ready (given 30 s) is kept, any other is (re)started. The services
 * start side by side (much of a start is waiting on the servers), the gateway once they are ready.
 */
export function acquireSharedPlatform(env: ProcessEnv = {}): Promise<Map<string, RunningProcess>> {
  return withFileLock(lockFile, async () => {
    const running = new Map<string, RunningProcess>();
    for (const role of ['service', 'gateway'] as const) {
      await Promise.all(
        startOrder
          .filter((spec) => spec.role === role)
          .map(async ({ name }) => {
            const wanted = env[name] ?? {};
            const known = readState().processes.find((p) => p.name === name);
            const keep = known !== undefined && known.env === JSON.stringify(wanted) && (await readyWithin(known, 30_000));
            running.set(name, keep ? adoptProcess(known) : await restart(name, wanted));
          }),
      );
    }
    return running;
  });
}
