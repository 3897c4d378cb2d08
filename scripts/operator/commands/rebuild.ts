import { Command } from 'commander';
import type { RebuildReport } from '@smartcourse/platform';
import { action, OperatorError } from '../failure.js';
import { printResult, printTable, type OutputOptions } from '../output.js';
import { rebuildableServices } from '../rebuild/services.js';

interface RebuildFlags extends OutputOptions {
  replace?: boolean;
  keepShadow?: boolean;
  catchUp: string;
  show: string;
}

function printReport(report: RebuildReport): void {
  const replayed = Object.values(report.replayed).reduce((sum, count) => sum + count.handled, 0);
  console.log(`${report.service} ${report.replica}: ${replayed} records replayed into ${report.shadowSchema}`);
  printTable(
    report.tables.map((table) => ({
      table: table.table,
      live: table.liveRows,
      rebuilt: table.rebuiltRows,
      equal: table.equal ? 'yes' : 'no',
      differing: table.differing,
    })),
    ['table', 'live', 'rebuilt', 'equal', 'differing'],
  );
  for (const table of report.tables) {
    for (const difference of table.differingKeys) {
      const side = difference.live && difference.rebuilt ? 'differs' : difference.live ? 'live only' : 'rebuilt only';
      console.log(`  ${table.table} ${JSON.stringify(difference.key)}: ${side}`);
    }
  }
  const outcome = {
    swapped: `swapped: ${report.changedRows.deleted} live rows deleted, ${report.changedRows.inserted} inserted`,
    differs: 'not swapped: the rebuilt tables differ from the live ones (--replace applies the rebuilt rows)',
    moved: report.liveCaughtUp
      ? 'not swapped: records arrived on the topics during the rebuild; run it again'
      : `not swapped: the live group ${report.service} had not read up to the rebuild's end offsets (is the service running?)`,
  }[report.outcome];
  console.log(outcome);
}

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description(
      "Rebuild one of a service's replicas from the start of its topics into a shadow schema while the service runs, " +
        'compare its checksums with the live tables, and swap only when they agree. No mail, push or outbox row is produced. ' +
        "Without REPLICA, lists the service's replicas.",
    )
    .argument('<service>', `one of: ${Object.keys(rebuildableServices).join(', ')}`)
    .argument('[replica]', 'the replica to rebuild')
    .option('--replace', 'apply the rebuilt rows even when they differ (repairs a damaged replica)')
    .option('--keep-shadow', 'leave the shadow schema in place for inspection')
    .option('--catch-up <seconds>', "how long to wait for the live group to read up to the rebuild's end", '30')
    .option('--show <keys>', 'how many differing keys to name per table', '20')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (serviceName: string, replicaName: string | undefined, flags: RebuildFlags) => {
        const load = rebuildableServices[serviceName];
        if (!load) throw new OperatorError(`no service "${serviceName}" has rebuildable replicas; one of: ${Object.keys(rebuildableServices).join(', ')}`);
        const service = await load();
        if (replicaName === undefined) {
          const rows = service.replicas.map((replica) => ({
            replica: replica.name,
            tables: replica.tables.map((table) => table.name).join(', '),
            description: replica.description,
          }));
          printResult(flags, rows, (list) => printTable(list, ['replica', 'tables', 'description']));
          return;
        }
        const replica = service.replicas.find((candidate) => candidate.name === replicaName);
        if (!replica) throw new OperatorError(`${serviceName} has no replica "${replicaName}"; one of: ${service.replicas.map((r) => r.name).join(', ')}`);
        const catchUpSeconds = Number(flags.catchUp);
        if (!Number.isFinite(catchUpSeconds) || catchUpSeconds < 0) throw new OperatorError(`--catch-up must be a number of seconds, got "${flags.catchUp}"`);
        if (!/^\d+$/.test(flags.show)) throw new OperatorError(`--show must be a number of keys, got "${flags.show}"`);
        const { createDb, rebuildReplica } = await import('@smartcourse/platform');
        const { withConnection } = await import('../connection.js');
        const { progressBar } = await import('../progress.js');
        const db = createDb({ url: service.databaseUrl, poolMax: 2 });
        const progress = progressBar(`rebuild ${serviceName} ${replicaName}`);
        try {
          const report = await withConnection(({ kafka, codec, logger }) =>
            rebuildReplica(serviceName, {
              kafka,
              codec,
              logger,
              db,
              databaseUrl: service.databaseUrl,
              replica,
              liveGroup: serviceName,
              catchUpMs: catchUpSeconds * 1000,
              shownKeys: Number(flags.show),
              ...(flags.replace ? { replace: true } : {}),
              ...(flags.keepShadow ? { keepShadow: true } : {}),
              onProgress: (read, total) => progress.update(read, total),
            }),
          );
          progress.stop();
          printResult(flags, report, printReport);
          if (report.outcome !== 'swapped') process.exitCode = 1;
        } finally {
          progress.stop();
          await db.destroy();
        }
      }),
    );
}
