import path from 'node:path';
import { startOrder } from '@smartcourse/contracts';
import { spawnProcess, type RunningProcess } from '../../test/support/launcher.js';

/** The second replica of the service whose relay lock the run takes away: two relays compete for it. */
export const REPLICA = { name: 'enrollment-progress#2', of: 'enrollment-progress', port: 3113, portEnv: 'ENROLLMENT_HTTP_PORT' } as const;

/** The platform's processes as the run sees them: by name, each killed and started again. */
export interface Fleet {
  names(): string[];
  pid(name: string): number;
  /** SIGKILL: a crash, nothing flushed. */
  kill(name: string): Promise<void>;
  /** Starts it again with its environment and waits until it is ready. */
  start(name: string): Promise<void>;
}

/** Starts a process of the topology or the second replica; its output goes to `logDir` (the test logs by default). */
export function spawnMember(name: string, logDir?: string): Promise<RunningProcess> {
  if (name === REPLICA.name) return spawnProcess(REPLICA.of, { port: REPLICA.port, env: { [REPLICA.portEnv]: String(REPLICA.port) }, logDir });
  return spawnProcess(name, { logDir });
}

/** Every service, the second replica and the gateway, started by the run itself; `stop` ends them all. */
export async function spawnFleet(logDir: string): Promise<Fleet & { stop(): Promise<void> }> {
  const running = new Map<string, RunningProcess>();
  const order = [...startOrder.map((spec) => spec.name)];
  order.splice(order.indexOf(REPLICA.of) + 1, 0, REPLICA.name);
  try {
    for (const name of order) running.set(name, await spawnMember(name, logDir));
  } catch (error) {
    await Promise.all([...running.values()].map((member) => member.stop()));
    throw error;
  }
  const member = (name: string) => {
    const found = running.get(name);
    if (!found) throw new Error(`${name} is not part of the run`);
    return found;
  };
  return {
    names: () => [...running.keys()],
    pid: (name) => member(name).pid,
    kill: (name) => member(name).kill(),
    async start(name) {
      running.set(name, await spawnMember(name, logDir));
    },
    async stop() {
      await Promise.all([...running.values()].reverse().map((one) => one.stop()));
    },
  };
}

export const chaosLogDir = (root: string) => path.join(root, '.run', 'chaos', 'logs');
