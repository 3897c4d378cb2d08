import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { processSpec, services, startOrder } from '@smartcourse/contracts';
import { repoRoot } from './env.js';

export interface RunningProcess {
  name: string;
  port: number;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** SIGTERM and wait: the graceful path. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void>;
}

/**
 * Every test creates its users from 127.0.0.1, so gateways start with generous rate limits unless
 * a test passes its own (gateway/test/edge.test.ts does, on another port).
 */
const defaultEnv: Record<string, Record<string, string>> = {
  gateway: { RATE_LIMIT_ANONYMOUS: '100000/min', RATE_LIMIT_CREDENTIALS: '100000/min', RATE_LIMIT_VERIFICATION: '100000/min', RATE_LIMIT_USER: '100000/min' },
};

let launched = 0;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitReady(name: string, port: number, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} during start; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`);
}

/**
 * Starts a process of the declared topology (contracts/src/topology.ts) through tsx and waits
 * until its /ready answers 200.
 */
export async function startProcess(
  name: string,
  options: { env?: Record<string, string>; port?: number; timeoutMs?: number } = {},
): Promise<RunningProcess> {
  const { entry, port: declaredPort } = processSpec(name);
  const port = options.port ?? declaredPort;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const logDir = path.join(repoRoot, '.run', 'test', 'logs');
  mkdirSync(logDir, { recursive: true });
  launched += 1;
  const logFile = path.join(logDir, `${name}-${process.pid}-${Date.now()}-${launched}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...defaultEnv[name], ...options.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitReady(name, port, child, timeoutMs, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    port,
    logFile,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Processes started together: each by name, and one stop for all (in reverse order). */
export interface StartedProcesses {
  get(name: string): RunningProcess;
  stop(): Promise<void>;
}

/** Extra environment per process name. */
export type ProcessEnv = Partial<Record<string, Record<string, string>>>;

async function startInOrder(names: readonly string[], env: ProcessEnv): Promise<StartedProcesses> {
  const started: RunningProcess[] = [];
  try {
    for (const name of names) started.push(await startProcess(name, { env: env[name] ?? {} }));
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
  return {
    get(name) {
      const found = started.find((p) => p.name === name);
      if (!found) throw new Error(`${name} was not started`);
      return found;
    },
    stop: async () => void (await Promise.all([...started].reverse().map((p) => p.stop()))),
  };
}

/** Starts every service of the topology (not the gateway, which is ready only once they all are). */
export function startServices(env: ProcessEnv = {}): Promise<StartedProcesses> {
  return startInOrder(services.map((spec) => spec.name), env);
}

/** Starts every service of the topology, then the gateway. */
export function startPlatform(env: ProcessEnv = {}): Promise<StartedProcesses> {
  return startInOrder(startOrder.map((spec) => spec.name), env);
}
