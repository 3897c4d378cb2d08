import { Command } from 'commander';
import { topics as catalogTopics } from '@smartcourse/contracts/catalog';
import { action } from '../failure.js';
import { printResult, printTable, type OutputOptions } from '../output.js';
import { retentionText, topicsReport, type TopicReport, type TopicsReport } from '../topics/topics-report.js';

interface TopicsOptions extends OutputOptions {
  group?: string;
}

export function topicsCommand(): Command {
  return new Command('topics')
    .description(
      'Every catalog topic with its partitions, retention, cleanup policy (as the broker has them), end offsets and the lag of each consumer group; topics on the broker the catalog lacks, catalog topics the broker lacks, and where the broker differs from the catalog.',
    )
    .option('--group <prefix>', 'only the consumer groups whose id starts with this')
    .option('--json', 'one JSON document')
    .action(
      action(async (options: TopicsOptions) => {
        const { withConnection } = await import('../connection.js');
        const { listBrokerTopics, readBrokerTopics } = await import('../topics/broker-topics.js');
        const { readCommittedOffsets } = await import('../topics/group-offsets.js');
        const { progressBar } = await import('../progress.js');
        const report = await withConnection(async ({ admin }) => {
          const names = await listBrokerTopics(admin);
          const broker = await readBrokerTopics(admin, names);
          const progress = progressBar('consumer groups');
          try {
            const committed = await readCommittedOffsets(admin, (id) => options.group === undefined || id.startsWith(options.group), progress);
            return topicsReport(catalogTopics, broker, committed);
          } finally {
            progress.stop();
          }
        });
        printResult(options, report, printTopics);
      }),
    );
}

function printTopics(report: TopicsReport): void {
  const row = (topic: TopicReport) => ({
    topic: topic.name,
    kind: topic.kind,
    partitions: topic.broker?.partitions,
    retention: topic.broker ? retentionText(topic.broker.retentionMs) : undefined,
    cleanup: topic.broker?.cleanupPolicy,
    span: topic.broker?.offsetSpan,
    'end offsets': topic.broker?.offsets.map((o) => `${o.partition}:${o.end}`).join(' '),
    groups: topic.groups.length,
    'max lag': topic.groups.length > 0 ? Math.max(...topic.groups.map((g) => g.lag)) : undefined,
    drift: topic.broker ? topic.drift.join('; ') || 'ok' : 'MISSING ON BROKER',
  });
  const columns = ['topic', 'kind', 'partitions', 'retention', 'cleanup', 'span', 'end offsets', 'groups', 'max lag', 'drift'];
  printTable(report.topics.map(row), columns);

  const behind = [...report.topics, ...report.notInCatalog].flatMap((topic) =>
    topic.groups
      .filter((g) => g.lag > 0)
      .map((g) => ({ topic: topic.name, group: g.group, lag: g.lag, partitions: g.partitions.map((p) => `${p.partition}:${p.committed}/${p.end}`).join(' ') })),
  );
  const upToDate = [...report.topics, ...report.notInCatalog].reduce((sum, topic) => sum + topic.groups.filter((g) => g.lag === 0).length, 0);
  console.log(`\nconsumer groups behind (${behind.length}; ${upToDate} group-topic pairs are at the end):`);
  if (behind.length > 0) printTable(behind, ['topic', 'group', 'lag', 'partitions']);

  console.log(`\non the broker, not in the catalog (${report.notInCatalog.length}):`);
  if (report.notInCatalog.length > 0)
    printTable(
      report.notInCatalog.map(row),
      columns.filter((c) => c !== 'kind' && c !== 'drift'),
    );
  console.log(
    `\nin the catalog, missing on the broker (${report.missingOnBroker.length})${report.missingOnBroker.length > 0 ? `: ${report.missingOnBroker.join(', ')}` : ''}`,
  );
}
