import { Command, Option } from 'commander';
import { action, OperatorError } from '../failure.js';
import { printResult, printTable, type OutputOptions } from '../output.js';
import type { DeadLetterCount } from '../dead-letters/dead-letter-counts.js';
import { deadLetterTopicNamed, deadLetterTopics } from '../dead-letters/dead-letter-topics.js';
import type { DescribedDeadLetter } from '../dead-letters/dead-letter.js';
import { operatorName } from '../dead-letters/operator-name.js';
import { purgePlan, type PartitionPurge } from '../dead-letters/purge-plan.js';
import type { DeadLetterPage } from '../dead-letters/read-dead-letters.js';
import type { RecordedRedrive } from '../dead-letters/redrive-history.js';
import type { RedriveOutcome } from '../dead-letters/redrive.js';
import { nonNegativeInteger, parseOffsetRange, parsePosition, type Selection } from '../dead-letters/selection.js';

const TOPIC_ARGUMENT = 'GROUP|TOPIC';
const TOPIC_HELP = `a dead-letter topic (e.g. notification.dlq) or its consumer group (notification); known: ${deadLetterTopics.map((t) => t.owner).join(', ')}`;
const jsonOption = () => new Option('--json', 'one JSON document on stdout');
const records = (count: number) => `${count} record${count === 1 ? '' : 's'}`;
/** The offsets a partition holds, both ends included. */
const held = (p: { partition: number; start: number; end: number }) =>
  p.end > p.start ? `${p.partition}:${p.start}-${p.end - 1}` : `${p.partition}:none (next ${p.end})`;

export function dlqCommand(): Command {
  return new Command('dlq')
    .description('Dead letters: list them, show them decoded, redrive them to their source topics, purge them; every redrive is recorded.')
    .addCommand(listCommand(), { isDefault: true })
    .addCommand(showCommand())
    .addCommand(redriveCommand())
    .addCommand(historyCommand())
    .addCommand(purgeCommand());
}

function listCommand(): Command {
  return new Command('list')
    .description('Each dead-letter topic with the records it holds now and the newest failure (the default of `sc dlq`).')
    .addOption(jsonOption())
    .action(
      action(async (options: OutputOptions) => {
        const { withConnection } = await import('../connection.js');
        const { countDeadLetters } = await import('../dead-letters/dead-letter-counts.js');
        const topics = await withConnection((connection) => countDeadLetters(connection, deadLetterTopics));
        printResult(options, { topics }, ({ topics }) => printCounts(topics));
      }),
    );
}

function printCounts(counts: readonly DeadLetterCount[]): void {
  printTable(
    counts.map((c) => ({
      topic: c.topic,
      group: c.group,
      records: c.exists ? c.records : 'missing on the broker',
      offsets: c.partitions.map(held).join(' '),
      'newest failure': c.newestFailureAt,
    })),
    ['topic', 'group', 'records', 'offsets', 'newest failure'],
  );
}

interface ShowOptions extends OutputOptions {
  offset?: string;
  from?: string;
  to?: string;
  partition?: string;
  max: string;
}

function showCommand(): Command {
  return new Command('show')
    .description(
      'The dead letters of a topic, oldest first: key, error headers, original headers, and the value decoded against its source topic (else its bytes and why).',
    )
    .argument(`<${TOPIC_ARGUMENT}>`, TOPIC_HELP)
    .addOption(new Option('--offset <P:O>', 'only the record at partition P, offset O').conflicts(['from', 'to', 'partition']))
    .option('--from <offset>', 'first offset (included)')
    .option('--to <offset>', 'last offset (included)')
    .option('--partition <P>', 'only this partition')
    .option('--max <n>', 'at most this many records', '50')
    .addOption(jsonOption())
    .action(
      action(async (name: string, options: ShowOptions) => {
        const topic = deadLetterTopicNamed(name);
        const max = nonNegativeInteger('--max', options.max);
        const { withConnection } = await import('../connection.js');
        const { readDeadLetters } = await import('../dead-letters/read-dead-letters.js');
        const page = await withConnection((connection) => readDeadLetters(connection, topic, showSelection(options), max));
        printResult(options, page, printPage);
      }),
    );
}

function showSelection(options: ShowOptions): Selection {
  if (options.offset) {
    const { partition, offset } = parsePosition('--offset', options.offset);
    return { partition, from: offset, to: offset };
  }
  const selection: Selection = {};
  if (options.partition !== undefined) selection.partition = nonNegativeInteger('--partition', options.partition);
  if (options.from !== undefined) selection.from = nonNegativeInteger('--from', options.from);
  if (options.to !== undefined) selection.to = nonNegativeInteger('--to', options.to);
  if (selection.from !== undefined && selection.to !== undefined && selection.from > selection.to)
    throw new OperatorError(`--from ${selection.from} is after --to ${selection.to}`);
  return selection;
}

function printPage(page: DeadLetterPage): void {
  if (page.records.length === 0) console.log(`${page.topic}: no dead letters selected`);
  for (const record of page.records) printDeadLetter(page.topic, record);
  if (page.notShown > 0) console.log(`… ${records(page.notShown)} more selected, not shown (--max, --from)`);
}

function printDeadLetter(topic: string, record: DescribedDeadLetter): void {
  const { failure, value } = record;
  console.log(`${topic} ${record.partition}:${record.offset}  key ${record.key ?? '(none)'}  ${record.timestamp}`);
  console.log(`  failed:  ${failure.reason} (${failure.code}) in group ${failure.consumerGroup} after ${failure.attempts} attempt(s) at ${failure.failedAt}`);
  console.log(`  error:   ${failure.error}`);
  console.log(`  source:  ${failure.sourceTopic} ${failure.sourcePartition}:${failure.sourceOffset}`);
  console.log(
    `  headers: ${
      Object.entries(record.headers)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(none)'
    }`,
  );
  if (value.decoded) console.log(`  value:   ${value.recordName} (schema ${value.schemaId}) ${JSON.stringify(value.value)}`);
  else console.log(`  value:   not decoded: ${value.why}\n  bytes:   ${value.base64 ?? '(none)'}`);
}

interface RedriveOptions extends OutputOptions {
  all?: boolean;
  offsets?: string;
  partition?: string;
  dryRun?: boolean;
  again?: boolean;
}

function redriveCommand(): Command {
  return new Command('redrive')
    .description(
      'Sends dead letters back to their source topic and partition, in offset order, with their original key, value and headers plus redrive_attempt and redriven_from; records who sent what on dead_letters.redriven. The consumers skip what they already handled (inbox by ce_id).',
    )
    .argument(`<${TOPIC_ARGUMENT}>`, TOPIC_HELP)
    .addOption(new Option('--all', 'every record the topic holds').conflicts('offsets'))
    .option('--offsets <FROM-TO>', 'the records from offset FROM to TO (both included)')
    .option('--partition <P>', 'only this partition')
    .option('--dry-run', 'show what would be sent, send nothing')
    .option('--again', 'also send records an earlier redrive already sent')
    .addOption(jsonOption())
    .action(
      action(async (name: string, options: RedriveOptions) => {
        const topic = deadLetterTopicNamed(name);
        if (!options.all && !options.offsets) throw new OperatorError('say which records: --all or --offsets FROM-TO');
        const selection: Selection = options.offsets ? parseOffsetRange('--offsets', options.offsets) : {};
        if (options.partition !== undefined) selection.partition = nonNegativeInteger('--partition', options.partition);
        const { withConnection } = await import('../connection.js');
        const { redrive } = await import('../dead-letters/redrive.js');
        const outcome = await withConnection((connection) =>
          redrive(connection, { topic, selection, dryRun: options.dryRun ?? false, again: options.again ?? false, operator: operatorName() }),
        );
        printResult(options, outcome, printRedrive);
      }),
    );
}

function printRedrive(outcome: RedriveOutcome): void {
  printTable(
    outcome.records.map((r) => ({
      'dead letter': `${r.from.partition}:${r.from.offset}`,
      'back to': `${r.target.topic} ${r.target.partition} (was offset ${r.target.offset})`,
      key: r.key,
      ce_id: r.messageId,
      attempt: r.attempt,
    })),
    ['dead letter', 'back to', 'key', 'ce_id', 'attempt'],
  );
  for (const e of outcome.earlier) console.log(`already redriven: ${e.partition}:${e.offset} by ${e.operator} at ${e.at} (redrive ${e.redriveId})`);
  for (const u of outcome.undecodable) console.log(`warning: ${u.partition}:${u.offset} still does not decode (${u.why}): it will be dead-lettered again`);
  if (outcome.dryRun) console.log(`dry run: ${records(outcome.count)} would go back to ${outcome.targetTopics.join(', ')}; nothing sent`);
  else
    console.log(
      `sent ${records(outcome.count)} back to ${outcome.targetTopics.join(', ')}; recorded as redrive ${outcome.recorded?.id} by ${outcome.recorded?.operator}`,
    );
}

function historyCommand(): Command {
  return new Command('history')
    .description('Every recorded redrive, oldest first: who, when, which dead letters, to which topics.')
    .option('--topic <GROUP|TOPIC>', 'only the redrives of this dead-letter topic')
    .addOption(jsonOption())
    .action(
      action(async (options: OutputOptions & { topic?: string }) => {
        const only = options.topic === undefined ? undefined : deadLetterTopicNamed(options.topic).name;
        const { withConnection } = await import('../connection.js');
        const { readRedriveHistory } = await import('../dead-letters/redrive-history.js');
        const all = await withConnection((connection) => readRedriveHistory(connection));
        const redrives = all.filter((entry) => only === undefined || entry.deadLetterTopic === only);
        printResult(options, { redrives }, ({ redrives }) => printHistory(redrives));
      }),
    );
}

function printHistory(redrives: readonly RecordedRedrive[]): void {
  printTable(
    redrives.map((r) => ({
      at: r.at,
      operator: r.operator,
      'dead letters': `${r.deadLetterTopic} ${r.records.map((x) => `${x.partition}:${x.offset}`).join(',')}`,
      count: r.count,
      to: r.targetTopics.join(','),
      selection: `${r.selection}${r.again ? ' --again' : ''}`,
      id: r.id,
    })),
    ['at', 'operator', 'dead letters', 'count', 'to', 'selection', 'id'],
  );
}

interface PurgeOptions extends OutputOptions {
  before?: string;
  beforeOffset?: string;
  partition?: string;
  execute?: boolean;
}

function purgeCommand(): Command {
  return new Command('purge')
    .description('Deletes the dead letters before an offset (a dry run unless --execute), e.g. once they are redriven.')
    .argument(`<${TOPIC_ARGUMENT}>`, TOPIC_HELP)
    .addOption(new Option('--before <P:O>', 'partition P: the records before offset O').conflicts(['beforeOffset', 'partition']))
    .option('--before-offset <O>', 'the records before offset O (every partition, or --partition)')
    .option('--partition <P>', 'only this partition')
    .option('--execute', 'delete them (without it, only show how many would go)')
    .addOption(jsonOption())
    .action(
      action(async (name: string, options: PurgeOptions) => {
        const topic = deadLetterTopicNamed(name);
        const request = purgeRequest(options);
        const { withConnection } = await import('../connection.js');
        const { partitionBounds } = await import('../dead-letters/read-records.js');
        const { executePurge } = await import('../dead-letters/purge.js');
        const result = await withConnection(async ({ admin }) => {
          const partitions = purgePlan(topic.name, await partitionBounds(admin, topic.name), request);
          const deleted = options.execute ? await executePurge(admin, topic.name, partitions) : 0;
          return { topic: topic.name, executed: options.execute ?? false, partitions, deleted };
        });
        printResult(options, result, printPurge);
      }),
    );
}

function purgeRequest(options: PurgeOptions): { partition?: number; before: number } {
  if (options.before) {
    const { partition, offset } = parsePosition('--before', options.before);
    return { partition, before: offset };
  }
  if (options.beforeOffset === undefined) throw new OperatorError('say up to where: --before P:O or --before-offset O');
  const request: { partition?: number; before: number } = { before: nonNegativeInteger('--before-offset', options.beforeOffset) };
  if (options.partition !== undefined) request.partition = nonNegativeInteger('--partition', options.partition);
  return request;
}

function printPurge(result: { topic: string; executed: boolean; partitions: PartitionPurge[]; deleted: number }): void {
  printTable(
    result.partitions.map((p) => ({ holds: held(p), 'purge before': p.before, records: p.records })),
    ['holds', 'purge before', 'records'],
  );
  const total = result.partitions.reduce((sum, p) => sum + p.records, 0);
  if (result.executed) console.log(`deleted ${records(result.deleted)} from ${result.topic}`);
  else console.log(`dry run: ${records(total)} would be deleted from ${result.topic}; add --execute`);
}
