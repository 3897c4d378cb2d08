import { afterAll, describe, expect, it } from '@jest/globals';
import { REPLICA, spawnMember, type Fleet } from '../../scripts/drill/fleet.js';
import { paymentLines } from '../../scripts/drill/audit/payments.js';
import { localChaosEnv, runChaos } from '../../scripts/drill/run.js';
import type { RunningProcess } from '../support/launcher.js';
import { usePlatform } from '../support/platform.js';

const platform = usePlatform();
let replica: RunningProcess | undefined;

afterAll(async () => {
  await replica?.stop();
});

/** The shared platform's processes, and a second enrollment-progress so two relays compete for its lock. */
const fleet: Fleet = {
  names: () => ['user', 'course', 'enrollment-progress', 'certificate', 'notification', 'payment', 'gateway', REPLICA.name],
  pid: (name) => (name === REPLICA.name ? replica!.pid : platform.process(name).pid),
  kill: (name) => (name === REPLICA.name ? replica!.kill() : platform.process(name).kill()),
  async start(name) {
    if (name === REPLICA.name) replica = await spawnMember(REPLICA.name);
    else await platform.restart(name);
  },
};

describe('scripts/chaos, short', () => {
  // The short run: the other faults have tests of their own (broker-restart, the crash tests, delivery with a database refusing connections, redis-down), and the 20-minute test run has room for three.
  it('loses and duplicates nothing while the relay-lock holder, the gateway and the payment service are killed and Redis restarts', async () => {
    replica = await spawnMember(REPLICA.name);
    const report = await runChaos(
      {
        fleet,
        log: () => undefined,
        env: localChaosEnv(),
      },
      {
        durationMs: 30_000,
        workers: 3,
        thinkMs: 100,
        courses: 2,
        // More buyers and refunds than a full run's defaults, so that a short run has some of each.
        buyerShare: 0.5,
        refundShare: 0.5,
        faults: ['relay-lock', 'gateway', 'payment', 'redis'],
        downMs: 1_000,
        databaseOutageMs: 5_000,
        commandDeadlineMs: 60_000,
        recoveryTimeoutMs: 60_000,
        settleTimeoutMs: 90_000,
      },
    );
    const payments = report.effects.filter((row) => (Object.values(paymentLines) as string[]).includes(row.effect));
    console.log(
      [
        `${report.learners} learners, ${report.buyers} bought their course, ${report.refunders} of them asked for a refund`,
        ...payments.map((row) => `${row.effect}: expected ${row.expected}, found ${row.found}, duplicates ${row.duplicates}, missing ${row.missing}`),
        `lost ${report.lost}, duplicated ${report.duplicates}`,
      ].join('\n'),
    );

    expect({
      lost: report.lost,
      duplicates: report.duplicates,
      details: report.details.filter((line) => line.startsWith('lost') || line.startsWith('duplicate')),
    }).toEqual({ lost: 0, duplicates: 0, details: [] });
    expect(report.settled).toBe(true);
    expect(report.faults.map((fault) => [fault.name, fault.error, fault.recoveryMs !== undefined])).toEqual(
      report.faults.map((fault) => [fault.name, undefined, true]),
    );
    expect(report.faults).toHaveLength(4);
    // The mix really ran: every kind of command was accepted and applied, journeys reached their certificate, buyers their enrollment, refunds theirs.
    for (const row of report.commands)
      expect({ kind: row.kind, applied: row.applied > 0, all: row.applied === row.accepted }).toEqual({ kind: row.kind, applied: true, all: true });
    expect(report.finished).toBeGreaterThan(0);
    expect(report.effects.find((row) => row.effect.startsWith('certificate'))?.found).toBeGreaterThan(0);
    expect(payments.map((row) => [row.effect, row.found > 0])).toEqual(Object.values(paymentLines).map((effect) => [effect, true]));
  }, 300_000);
});
