import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { processSpec } from '@smartcourse/contracts';
import { repoRoot } from './env.js';
import { operationsHeaders } from './operations.js';

export interface RunningProcess {
  name: string;
  port: number;
  pid: number;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** SIGTERM and wait: the graceful path. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void>;
}

/** Extra environment per process name. */
export type ProcessEnv = Partial<Record<string, Record<string, string>>>;

/**
 * Every test creates its users from 127.0.0.1, so gateways start with generous rate limits unless
 * a test passes its own (gateway/test/edge.test.ts does, on another port). No grace after a
 * quiz's time limit, so a 1-second limit is over after a second.
 */
const defaultEnv: Record<string, Record<string, string>> = {
  gateway: {
    RATE_LIMIT_ANONYMOUS: '100000/min',
    RATE_LIMIT_CREDENTIALS: '100000/min',
    RATE_LIMIT_VERIFICATION: '100000/min',
    RATE_LIMIT_USER: '100000/min',
  },
  course: { QUIZ_SUBMIT_GRACE_SECONDS: '0' },
};

let launched = 0;

/** Whether the process still answers signals (a pid no longer alive has exited). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal and waits until the process is gone (SIGKILL after `graceMs`). */
async function signalAndWait(pid: number, signal: NodeJS.Signals, graceMs = 30_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (alive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A process known by its pid: the shared platform's processes are started by one test file and
 * stopped by another, and jest gives each file its own module registry. Node reaps its children
 * whichever file spawned them, so a pid that no longer answers signals has exited.
 */
export function adoptProcess(known: { name: string; port: number; pid: number; logFile: string }): RunningProcess {
  return {
    ...known,
    stop: () => signalAndWait(known.pid, 'SIGTERM'),
    kill: () => signalAndWait(known.pid, 'SIGKILL'),
  };
}

async function waitReady(name: string, port: number, pid: number, timeoutMs: number, logFile: string, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) throw new Error(`${name} exited during start; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { headers, signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`);
}

/**
 * Spawns a process of the declared topology (contracts/src/topology.ts) through tsx and waits
 * until its /ready answers 200. Its output goes straight to a log file, so it outlives the test
 * file that spawned it.
 */
export async function spawnProcess(
  name: string,
  options: { env?: Record<string, string>; port?: number; timeoutMs?: number; logDir?: string } = {},
): Promise<RunningProcess> {
  const { entry, port: declaredPort } = processSpec(name);
  const port = options.port ?? declaredPort;
  const logDir = options.logDir ?? path.join(repoRoot, '.run', 'test', 'logs');
  mkdirSync(logDir, { recursive: true });
  launched += 1;
  const logFile = path.join(logDir, `${name}-${process.pid}-${Date.now()}-${launched}.log`);
  const log = openSync(logFile, 'a');
  const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...defaultEnv[name], ...options.env, NODE_OPTIONS: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${name} could not be spawned`);
  const running = adoptProcess({ name, port, pid: child.pid, logFile });
  try {
    await waitReady(name, port, child.pid, options.timeoutMs ?? 60_000, logFile, operationsHeaders(env));
  } catch (error) {
    await running.kill();
    throw error;
  }
  return running;
}
