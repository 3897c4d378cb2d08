import { existsSync, readFileSync, rmSync } from 'node:fs';

/**
 * Jest's global teardown: stops the run's shared platform (test/support/shared-platform.ts),
 * unless SMARTCOURSE_TEST_KEEP_PLATFORM=1 (scripts/test's run of the concurrent files: the next
 * jest run adopts the platform, and scripts/test stops what is left at its end).
 * Plain JavaScript because jest loads global hooks without the test files' module mapping.
 */
export default async function globalTeardown() {
  if (process.env.SMARTCOURSE_TEST_KEEP_PLATFORM === '1') return;
  const stateFile = new URL('../../.run/test/platform.json', import.meta.url);
  if (!existsSync(stateFile)) return;
  const { processes } = JSON.parse(readFileSync(stateFile, 'utf8'));
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const { pid } of processes) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (processes.some(({ pid }) => alive(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const { pid } of processes) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(stateFile, { force: true });
}
