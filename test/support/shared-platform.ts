import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startOrder } from '@smartcourse/contracts';
import { repoRoot } from './env.js';
import { adoptProcess, spawnProcess, type ProcessEnv, type RunningProcess } from './launcher.js';

/**
 * One platform for the whole jest run. Starting the six processes takes 15–20 s, so the files
 * that need only the default platform share one, started by the first of them and stopped by the
 * run's global teardown. Jest gives every file its own module registry, so what is running is
 * kept in a file: `.run/test/platform.json` (also read by scripts/test to clean up after a crash).
 */
const stateFile = path.join(repoRoot, '.run', 'test', 'platform.json');

interface State {
  /** The extra environment it was started with, as JSON: a file asking for another one restarts it. */
  env: string;
  processes: { name: string; port: number; pid: number; logFile: string }[];
}

function readState(): State | undefined {
  if (!existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as State;
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** Stops the shared platform, if one is running (before a file starts processes on the same ports). */
export async function releaseSharedPlatform(): Promise<void> {
  const state = readState();
  if (!state) return;
  await Promise.all([...state.processes].reverse().map((p) => adoptProcess(p).stop()));
  rmSync(stateFile, { force: true });
}

/** The shared platform with this extra environment: the running one when it matches and every process is ready. */
export async function acquireSharedPlatform(env: ProcessEnv = {}): Promise<Map<string, RunningProcess>> {
  const signature = JSON.stringify(env);
  const state = readState();
  if (state?.env === signature && (await Promise.all(state.processes.map((p) => ready(p.port)))).every(Boolean)) {
    return new Map(state.processes.map((p) => [p.name, adoptProcess(p)]));
  }
  await releaseSharedPlatform();
  const started: RunningProcess[] = [];
  try {
    for (const { name } of startOrder) started.push(await spawnProcess(name, { env: env[name] ?? {} }));
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
  mkdirSync(path.dirname(stateFile), { recursive: true });
  const next: State = { env: signature, processes: started.map(({ name, port, pid, logFile }) => ({ name, port, pid, logFile })) };
  writeFileSync(stateFile, JSON.stringify(next, null, 2));
  return new Map(started.map((p) => [p.name, p]));
}
