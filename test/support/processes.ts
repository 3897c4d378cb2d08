import { processSpec, processes, services, startOrder } from '@smartcourse/contracts';
import { spawnProcess, type ProcessEnv, type RunningProcess } from './launcher.js';
import { ownProcessesFolders } from './run-order.js';
import { expectFileIn } from './run-group.js';
import { releaseSharedPlatform } from './shared-platform.js';

export type { ProcessEnv, RunningProcess } from './launcher.js';

const declaredPorts = new Set(processes.map((spec) => spec.port));

/**
 * Starts a process of the declared topology and waits until it is ready. A process on a declared
 * port first stops the shared platform (test/support/shared-platform.ts), which holds those ports.
 */
export async function startProcess(name: string, options: { env?: Record<string, string>; port?: number; timeoutMs?: number } = {}): Promise<RunningProcess> {
  if (declaredPorts.has(options.port ?? processSpec(name).port)) {
    expectFileIn(ownProcessesFolders, `starts ${name} on its declared port`);
    await releaseSharedPlatform();
  }
  return spawnProcess(name, options);
}

/** Processes started together: each by name, and one stop for all (in reverse order). */
export interface StartedProcesses {
  get(name: string): RunningProcess;
  stop(): Promise<void>;
}

/** Starts the processes of each group side by side, one group after the other. */
async function startInGroups(groups: readonly (readonly string[])[], env: ProcessEnv): Promise<StartedProcesses> {
  const started: RunningProcess[] = [];
  try {
    for (const names of groups) {
      const outcomes = await Promise.allSettled(names.map((name) => startProcess(name, { env: env[name] ?? {} })));
      for (const outcome of outcomes) if (outcome.status === 'fulfilled') started.push(outcome.value);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
  return {
    get(name) {
      const found = started.find((p) => p.name === name);
      if (!found) throw new Error(`${name} was not started`);
      return found;
    },
    stop: async () => void (await Promise.all([...started].reverse().map((p) => p.stop()))),
  };
}

/** Starts every service of the topology (not the gateway, which is ready only once they all are). */
export function startServices(env: ProcessEnv = {}): Promise<StartedProcesses> {
  return startInGroups([services.map((spec) => spec.name)], env);
}

/** Starts every service of the topology, then the gateway, for this file alone. */
export function startPlatform(env: ProcessEnv = {}): Promise<StartedProcesses> {
  const names = (role: string) => startOrder.filter((spec) => spec.role === role).map((spec) => spec.name);
  return startInGroups([names('service'), names('gateway')], env);
}
