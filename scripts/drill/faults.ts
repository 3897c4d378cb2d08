import { spawn } from 'node:child_process';
import path from 'node:path';
import { RELAY_LOCK, createDb } from '@smartcourse/platform';
import { refuseConnections } from '../../test/support/postgres.js';
import { REPLICA, type Fleet } from './fleet.js';
import type { ProbeName } from './probes.js';

/**
 * One fault tried from outside: `inject` returns once the outage it causes is over (the process
 * or server is back). It calls `strike` when the fault hits, if it first looks for its target.
 */
export interface Fault {
  /** What `--faults` calls it. */
  id: FaultId;
  name: string;
  /** The paths to try afterwards: recovered when each went through again. */
  probes: ProbeName[];
  inject(strike: () => void): Promise<void>;
}

export interface FaultDeps {
  fleet: Fleet;
  root: string;
  /** How long a killed process stays down before it is started again (a supervisor's restart delay). */
  downMs: number;
  /** How long a service's database refuses it. */
  databaseOutageMs: number;
  /** The database of the service with two replicas, whose relay lock is taken away. */
  relayDatabaseUrl: string;
  /** One command to that service: while the holder is looked for, these keep its relays publishing. */
  nudgeRelay(): Promise<unknown>;
  /** The service whose database connections are cut, and its database. */
  database: { service: ProbeName; name: string };
  log(message: string): void;
}

export const faultIds = [
  'user',
  'course',
  'enrollment-progress',
  'certificate',
  'notification',
  'payment',
  'gateway',
  'relay-lock',
  'broker',
  'registry',
  'database',
  'redis',
] as const;
export type FaultId = (typeof faultIds)[number];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const everyProbe: ProbeName[] = ['user', 'course', 'enrollment-progress', 'certificate', 'notification', 'payment'];
const probeOf: Partial<Record<string, ProbeName[]>> = {
  user: ['user'],
  course: ['course'],
  'enrollment-progress': ['enrollment-progress'],
  [REPLICA.name]: ['enrollment-progress'],
  certificate: ['certificate'],
  notification: ['notification'],
  payment: ['payment'],
  gateway: ['user'],
};

/** Runs scripts/restart-server for a local server of the running profile, keeping its data. */
function restartServer(root: string, server: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(root, 'scripts/restart-server'), server], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/restart-server ${server} exited with ${code}: ${stderr.trim()}`))));
  });
}

/**
 * The pid of the process whose relay holds the lock of `database` (the relay's advisory lock is
 * one bigint key: classid holds its high 32 bits, objid the low ones, objsubid 1), named by its connection's
 * application name (`<service> pid <pid>`, set by the kit); polled, as the lock is held only
 * while a batch is in flight, with `nudge` sending work meanwhile so that batches come.
 */
async function relayLockHolder(url: string, timeoutMs: number, nudge: () => Promise<unknown>): Promise<number> {
  const db = createDb({ url, poolMax: 1 });
  let looking = true;
  const nudging = (async () => {
    while (looking) await nudge();
  })();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await db.raw<{ rows: Array<{ application_name: string }> }>(
        `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.classid = 0 and l.objid = ? and l.objsubid = 1 and l.granted and l.database = (select oid from pg_database where datname = current_database())`,
        [RELAY_LOCK],
      );
      const pid = /pid (\d+)$/.exec(rows[0]?.application_name ?? '')?.[1];
      if (pid) return Number(pid);
      await sleep(5);
    }
    throw new Error(`no relay held the lock of ${url.replace(/\/\/[^@]*@/, '//')} within ${timeoutMs} ms`);
  } finally {
    looking = false;
    await nudging;
    await db.destroy();
  }
}

/** A process killed with SIGKILL and started again after the restart delay. */
function killed(deps: FaultDeps, id: FaultId, name: string = id): Fault {
  return {
    id,
    name: `kill -9 ${name}`,
    probes: probeOf[name] ?? everyProbe,
    async inject(strike) {
      strike();
      await deps.fleet.kill(name);
      await sleep(deps.downMs);
      await deps.fleet.start(name);
    },
  };
}

/** The faults of a full run, in the order they are injected. */
export function allFaults(deps: FaultDeps): Fault[] {
  const processes = ['user', 'course', 'enrollment-progress', 'certificate', 'notification', 'payment', 'gateway'] as const;
  return [
    ...processes.map((name) => killed(deps, name)),
    {
      id: 'relay-lock',
      name: `kill -9 the ${REPLICA.of} relay-lock holder`,
      probes: ['enrollment-progress'],
      async inject(strike) {
        const pid = await relayLockHolder(deps.relayDatabaseUrl, 30_000, deps.nudgeRelay);
        const holder = deps.fleet.names().find((name) => deps.fleet.pid(name) === pid);
        if (!holder) throw new Error(`the relay lock is held by pid ${pid}, which is not a process of this run`);
        deps.log(`the relay lock is held by ${holder} (pid ${pid})`);
        await killed(deps, 'relay-lock', holder).inject(strike);
      },
    },
    { id: 'broker', name: 'broker restart (data kept)', probes: everyProbe, inject: () => restartServer(deps.root, 'kafka') },
    { id: 'registry', name: 'schema registry restart', probes: everyProbe, inject: () => restartServer(deps.root, 'registry') },
    {
      id: 'database',
      name: `${deps.database.service} database refuses connections`,
      probes: [deps.database.service],
      async inject() {
        const outage = await refuseConnections(deps.database.name);
        await sleep(deps.databaseOutageMs);
        await outage.restore();
      },
    },
    { id: 'redis', name: 'redis restart', probes: ['user', 'notification'], inject: () => restartServer(deps.root, 'redis') },
  ];
}
