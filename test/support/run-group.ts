import path from 'node:path';
import { repoRoot } from './env.js';

/** Jest's global `expect`, when running under jest (scripts/bench starts processes outside it). */
const jestExpect = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect;

/**
 * Refuses a test file that starts processes in a way its folder does not say (test/support/run-order.js),
 * so the run's order keeps one start of the shared platform for the files that share it.
 */
export function expectFileIn(folders: readonly string[], doing: string): void {
  const testPath = jestExpect?.getState().testPath;
  if (testPath === undefined) return;
  const file = path.relative(repoRoot, testPath);
  if (!folders.some((folder) => file.startsWith(folder))) {
    throw new Error(`${file} ${doing}: such a file belongs in ${folders.join(' or ')} (docs/testing.md)`);
  }
}
