import { afterAll, beforeAll } from '@jest/globals';
import { startPlatform } from './processes.js';

/** Starts every process of the topology (services, then the gateway) before a file's tests, and stops them after. */
export function usePlatform(): void {
  let platform: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    platform = await startPlatform();
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
  });
}
