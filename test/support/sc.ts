import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './env.js';

export interface ScRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/sc` with these arguments against the test's servers (never blocking the event loop). */
export function sc(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<ScRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'scripts', 'sc'), args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a read command with `--json` and parses its document; fails with its stderr when it fails. */
export async function scJson<T = unknown>(args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<T> {
  const run = await sc([...args, '--json'], options);
  if (run.code !== 0) throw new Error(`sc ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The objects of a streaming command's `--json` output, one a line. */
export const jsonLines = <T = unknown>(stdout: string): T[] =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
