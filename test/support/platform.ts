import { afterAll, beforeAll } from '@jest/globals';
import { startPlatform, type RunningProcess } from './processes.js';

/**
 * Starts every process of the topology (services, then the gateway) before a file's tests, and
 * stops them after. `env` adds variables per process name; the answer names the running processes
 * once they are up (e.g. to read a service's log file).
 */
export function usePlatform(options: { env?: Record<string, Record<string, string>> } = {}): { process(name: string): RunningProcess } {
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  beforeAll(async () => {
    platform = await startPlatform(options);
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
  });
  return {
    process(name) {
      const found = platform?.processes.find((running) => running.name === name);
      if (!found) throw new Error(`${name} is not running`);
      return found;
    },
  };
}
