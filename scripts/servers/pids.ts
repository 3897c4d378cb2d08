/** Process bookkeeping: pid files under .run/<profile>/pids/, spawning, stopping, memory. */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runSync, sleep } from './command.js';
import { log, warn } from './messages.js';
import type { Profile } from './profile.js';
import { stopTimeout } from './settings.js';

/** Is the process alive (zombies — exited children not yet reaped — count as dead)? */
export function pidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return true;
  }
}

export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const digits = (readFileSync(file, 'utf8').split('\n')[0] ?? '').replace(/[^0-9]/g, '');
  return digits ? Number(digits) : undefined;
}

/**
 * The pid in a pid file when that process is alive and its command line contains `pattern`
 * (guards against recycled pids).
 */
export function alivePid(file: string, pattern: string): number | undefined {
  const pid = readPid(file);
  if (pid === undefined || !pidRunning(pid)) return undefined;
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(pattern)) return undefined;
  } catch {
    // unreadable command line: the pid alone decides, as before
  }
  return pid;
}

/** SIGTERM (the whole process group when the pid leads one), wait, then SIGKILL. */
export async function stopPid(name: string, pid: number, timeoutSeconds = stopTimeout): Promise<void> {
  const group = runSync('ps', ['-o', 'pgid=', '-p', String(pid)]).stdout.trim();
  const target = group === String(pid) ? -pid : pid;
  try {
    process.kill(target, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (pidRunning(pid)) {
    if (Date.now() >= deadline) {
      warn(`${name} (pid ${pid}) did not stop within ${timeoutSeconds}s; killing it.`);
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
      await sleep(500);
      break;
    }
    await sleep(200);
  }
}

export const startBanner = (what: string, detail: string) =>
  `\n===== ${new Date().toISOString().replace(/\.\d+Z$/, '+00:00')}: starting ${what} (${detail}) =====\n`;

/**
 * Starts a server in its own session (so Ctrl-C in the calling terminal does not reach it
 * directly), stdout and stderr appended to its log, its pid written to `pidPath`.
 */
export function spawnServer(options: {
  name: string;
  profileName: string;
  detail?: string;
  pidPath: string;
  log: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): number {
  mkdirSync(path.dirname(options.log), { recursive: true });
  mkdirSync(path.dirname(options.pidPath), { recursive: true });
  appendFileSync(options.log, startBanner(options.name, options.detail ?? `profile ${options.profileName}`));
  const fd = openSync(options.log, 'a');
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${options.command}`);
  writeFileSync(options.pidPath, `${child.pid}\n`);
  return child.pid;
}

/** Resident MB of a process and its direct children. */
export function rssMb(pid: number): number {
  const children = runSync('pgrep', ['-P', String(pid)])
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  let kb = 0;
  for (const p of [pid, ...children]) {
    try {
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return Math.floor(kb / 1024);
}

/** A server's `stop`: ends its process (found by `pid`), saying so first; nothing when it does not run. */
export function stopRunning(
  name: string,
  pid: (profile: Profile) => number | undefined,
  options: { saying?: string; timeoutSeconds?: number } = {},
): (profile: Profile) => Promise<void> {
  return async (profile) => {
    const running = pid(profile);
    if (running === undefined) return;
    log(`stopping ${options.saying ?? name}`);
    await stopPid(name, running, options.timeoutSeconds);
  };
}
