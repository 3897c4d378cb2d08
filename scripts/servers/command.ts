/** Running the programs the servers are made of: found on PATH, run to completion, logged. */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function commandExists(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to its end, capturing its output (a program that cannot start has status 127). */
export function runSync(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Outcome {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return {
    status: result.error ? 127 : (result.status ?? 1),
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? (result.error ? result.error.message : '')),
  };
}

/** Runs a program to its end with stdout and stderr written to a log file (truncated first); resolves to its status. */
export function runLogged(
  command: string,
  args: readonly string[],
  logFile: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<number> {
  const fd = openSync(logFile, 'w');
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', fd, fd] });
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.once('error', () => {
      closeSync(fd);
      resolve(127);
    });
    child.once('exit', (code) => {
      closeSync(fd);
      resolve(code ?? 1);
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The last lines of a file, for a failure's message (empty when it does not exist). */
export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}

export function printTail(file: string, lines: number): void {
  if (!existsSync(file)) return;
  process.stderr.write(`--- last lines of ${file} ---\n${tail(file, lines)}\n`);
}
