import { beforeAll } from '@jest/globals';
import type { ProcessEnv, RunningProcess } from './launcher.js';
import { acquireSharedPlatform } from './shared-platform.js';

/**
 * The whole platform (services, then the gateway) for a file's tests: the run's shared one
 * (test/support/shared-platform.ts), restarted first when `env` differs from what it runs with.
 * It stays up after the file; the next file that needs other processes on its ports stops it,
 * else the run's global teardown does. The answer names the running processes (e.g. to read a
 * service's log file).
 */
export function usePlatform(options: { env?: ProcessEnv } = {}): { process(name: string): RunningProcess } {
  let platform: Map<string, RunningProcess> | undefined;
  beforeAll(async () => {
    platform = await acquireSharedPlatform(options.env);
  }, 180_000);
  return {
    process(name) {
      const found = platform?.get(name);
      if (!found) throw new Error(`${name} is not running`);
      return found;
    },
  };
}
