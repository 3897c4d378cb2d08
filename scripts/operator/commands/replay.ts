import { Command, Option } from 'commander';
import { action, OperatorError } from '../failure.js';
import { printResult, printTable, type OutputOptions } from '../output.js';
import type { ReplayPlan, ReplayTarget } from '../replay/plan.js';
import { parseDuration, parseInstant } from '../time.js';
import { parseTopicScope, type TopicScope } from '../topic-scope.js';

interface ReplayFlags extends OutputOptions {
  group: string;
  topic: TopicScope[];
  toDatetime?: string;
  byDuration?: string;
  toOffset?: string;
  toEarliest?: boolean;
  toLatest?: boolean;
  execute?: boolean;
}

function targetOf(flags: ReplayFlags): ReplayTarget {
  const given = [flags.toDatetime, flags.byDuration, flags.toOffset, flags.toEarliest, flags.toLatest].filter((value) => value !== undefined);
  if (given.length !== 1) throw new OperatorError('name exactly one of --to-datetime, --by-duration, --to-offset, --to-earliest, --to-latest');
  if (flags.toDatetime !== undefined) return { kind: 'datetime', at: parseInstant(flags.toDatetime) };
  if (flags.byDuration !== undefined) return { kind: 'duration', ms: parseDuration(flags.byDuration) };
  if (flags.toOffset !== undefined) {
    if (!/^\d+$/.test(flags.toOffset)) throw new OperatorError(`--to-offset must be a non-negative integer, got "${flags.toOffset}"`);
    return { kind: 'offset', offset: Number(flags.toOffset) };
  }
  return flags.toEarliest ? { kind: 'earliest' } : { kind: 'latest' };
}

function printPlan(plan: ReplayPlan): void {
  printTable(
    plan.moves.map((move) => ({ topic: move.topic, partition: move.partition, current: move.current ?? 'none', new: move.target, 'read again': move.reread })),
    ['topic', 'partition', 'current', 'new', 'read again'],
  );
  const when = plan.resolvedAt ? ` (records from ${plan.resolvedAt})` : '';
  console.log(
    plan.executed
      ? `group ${plan.group}: offsets moved${when}; ${plan.reread} records will be read again when it starts`
      : `group ${plan.group}: dry run${when}; ${plan.reread} records would be read again. Add --execute to move the offsets`,
  );
}

export function replayCommand(): Command {
  return new Command('replay')
    .description(
      "Move a stopped consumer group's offsets so it reads records again (every consumer is idempotent). " +
        'A dry-run plan by default: per partition, current → new offset and how many records will be read again.',
    )
    .requiredOption('--group <group>', 'the consumer group (a service name, e.g. notification)')
    .addOption(
      new Option(
        '--topic <topic[:partitions]>',
        'only this topic (and partitions, e.g. lesson.completed:0,2); repeatable; default: every topic the group has offsets on',
      )
        .argParser((value: string, previous: TopicScope[] = []) => [...previous, parseTopicScope(value)])
        .default([]),
    )
    .option('--to-datetime <time>', 'to the first record at or after this time (ISO 8601)')
    .option('--by-duration <duration>', 'back this long from now (e.g. 1d, 6h, PT30M)')
    .option('--to-offset <offset>', 'to this offset on every partition in scope (clamped to what the partition holds)')
    .option('--to-earliest', 'to the oldest record each partition holds')
    .option('--to-latest', 'to the end: skip every record not yet read')
    .option('--execute', 'move the offsets (without it, only the plan is shown)')
    .option('--json', 'print the plan as JSON')
    .action(
      action(async (flags: ReplayFlags) => {
        const target = targetOf(flags);
        const { withConnection } = await import('../connection.js');
        const { assertStopped, describeGroup, executeReplay, planReplay } = await import('../replay/plan.js');
        await withConnection(async ({ kafka, admin }) => {
          const plan = await planReplay(admin, flags.group, target, flags.topic);
          assertStopped(flags.group, await describeGroup(admin, flags.group));
          printResult(flags, flags.execute ? await executeReplay(kafka, admin, plan) : plan, printPlan);
        });
      }),
    );
}
