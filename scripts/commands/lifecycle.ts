/**
 * How a command of scripts/ runs: its body, then its clean-up, once, whether it ends by itself,
 * fails (a Fatal error prints one line and exits 1) or is interrupted (130 on SIGINT, 143 on SIGTERM).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { printFatal } from '../servers/messages.js';

export function runCommand(body: () => Promise<number>, cleanup: (status: number) => Promise<number> = async (status) => status): void {
  let finishing = false;
  const finish = async (status: number) => {
    if (finishing) return;
    finishing = true;
    let final = status;
    try {
      final = await cleanup(status);
    } catch (error) {
      printFatal(error);
      final = final || 1;
    }
    process.exit(final);
  };
  // a closed terminal or pipe must not cut the clean-up short
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  process.on('SIGINT', () => void finish(130));
  process.on('SIGTERM', () => void finish(143));
  body().then(
    (status) => finish(status),
    (error: unknown) => {
      printFatal(error);
      return finish(1);
    },
  );
}

/** The usage text: lines `from`..`to` of the bash entry point's header comment. */
export function printHelp(script: string, from: number, to: number): void {
  const lines = readFileSync(script, 'utf8')
    .split('\n')
    .slice(from - 1, to);
  process.stdout.write(`${lines.map((line) => line.replace(/^# ?/, '')).join('\n')}\n`);
}

/**
 * Hands the terminal to another program until it ends (as bash's `exec` would); a SIGTERM meant
 * for this command reaches it too. Resolves to its exit status.
 */
export function handOver(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const child = spawn(command, args, { ...options, stdio: 'inherit' });
  const forward = () => child.kill('SIGTERM');
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143));
    });
  });
}

/** Runs another program to its end with stdout silenced (its errors still show). */
export function quietly(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
