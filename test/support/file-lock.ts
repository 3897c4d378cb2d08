import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs `work` holding an exclusive lock on `file` across processes (jest workers running files
 * side by side). The lock is flock(1)'s, held by a child process until its stdin closes: when the
 * work is done, or when this process dies, so a holder that crashed leaves no stale lock behind.
 * `-o`: the lock's descriptor stays in flock itself, not in the command it runs.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, waitSeconds = 170): Promise<T> {
  mkdirSync(path.dirname(file), { recursive: true });
  const holder = spawn('flock', ['-o', '-w', String(waitSeconds), file, 'sh', '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => holder.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', reject);
    void exited.then((code) => reject(new Error(`flock ${file} exited with status ${code} before taking the lock (waited up to ${waitSeconds} s)`)));
  });
  try {
    return await work();
  } finally {
    holder.stdin.end();
    await exited;
  }
}
