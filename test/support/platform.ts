import { afterAll, beforeAll } from '@jest/globals';
import { startPlatform, type ProcessEnv, type RunningProcess, type StartedProcesses } from './processes.js';

/**
 * Starts every process of the topology (services, then the gateway) before a file's tests, and
 * stops them after. `env` adds variables per process name; the answer names the running processes
 * once they are up (e.g. to read a service's log file).
 */
export function usePlatform(options: { env?: ProcessEnv } = {}): { process(name: string): RunningProcess } {
  let platform: StartedProcesses | undefined;
  beforeAll(async () => {
    platform = await startPlatform(options.env);
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
  });
  return {
    process(name) {
      if (!platform) throw new Error(`${name} is not running`);
      return platform.get(name);
    },
  };
}
