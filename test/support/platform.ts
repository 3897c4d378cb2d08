import { beforeAll } from '@jest/globals';
import type { ProcessEnv, RunningProcess } from './launcher.js';
import { configuredPlatformFolders, sharedPlatformFolders } from './run-order.js';
import { expectFileIn } from './run-group.js';
import { acquireSharedPlatform, restartSharedProcess } from './shared-platform.js';

export interface Platform {
  /** A running process by name (e.g. to read its log file, or to kill it). */
  process(name: string): RunningProcess;
  /** Starts the process again (after a kill or stop), with the file's environment unless another is given. */
  restart(name: string, env?: Record<string, string>): Promise<RunningProcess>;
}

/**
 * The whole platform (services, then the gateway) for a file's tests: the run's shared one
 * (test/support/shared-platform.ts), with a process restarted first where `env` asks for another
 * environment than it runs with. It stays up after the file; a file that starts processes on its
 * ports stops it first, else the run's global teardown does.
 */
export function usePlatform(options: { env?: ProcessEnv } = {}): Platform {
  let platform: Map<string, RunningProcess> | undefined;
  beforeAll(async () => {
    if (Object.keys(options.env ?? {}).length > 0) expectFileIn(configuredPlatformFolders, 'configures the shared platform');
    else expectFileIn(sharedPlatformFolders, 'uses the shared platform');
    platform = await acquireSharedPlatform(options.env);
  }, 180_000);
  return {
    process(name) {
      const found = platform?.get(name);
      if (!found) throw new Error(`${name} is not running`);
      return found;
    },
    async restart(name, env) {
      const started = await restartSharedProcess(name, env ?? options.env?.[name] ?? {});
      platform?.set(name, started);
      return started;
    },
  };
}
