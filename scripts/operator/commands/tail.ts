import { Command, InvalidArgumentError } from 'commander';
import { action } from '../failure.js';
import type { OutputOptions } from '../output.js';
import type { DescribedRecord } from '../records/decoded-record.js';
import { recordText } from '../records/record-text.js';
import { tailStart } from '../records/tail-start.js';

interface TailFlags extends OutputOptions {
  fromBeginning?: boolean;
  since?: string;
  offset?: string[];
  key?: string;
  max?: number;
  exitAtEnd?: boolean;
}

const count = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number of records');
  return Number(value);
};
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function tailCommand(): Command {
  return new Command('tail')
    .description(
      "Prints a topic's records decoded through the registry, with key, partition, offset, timestamp and headers; tombstones and dead letters (raw bytes plus the error headers) shown as such. Without a start option: only new records, until Ctrl-C.",
    )
    .argument('<topic>', 'e.g. course.published, or a dead-letter topic such as course.dlq')
    .option('--from-beginning', 'start at the earliest record of every partition')
    .option('--since <time|duration>', 'start at the first record at or after an ISO time (2026-12-01T09:00:00Z) or this long ago (90s, 15m, 2h, 1d)')
    .option('--offset <partition:offset>', 'read only this partition, from this offset (repeatable)', collect)
    .option('--key <key>', 'only records with this key')
    .option('--max <n>', 'stop after showing n records', count)
    .option('--exit-at-end', 'stop once every partition is read to its end offset at the start')
    .option('--json', 'one JSON object a line')
    .action(
      action(async (topic: string, flags: TailFlags) => {
        const start = tailStart(flags, new Date());
        const { withConnection } = await import('../connection.js');
        const { tailTopic } = await import('../records/topic-tail.js');
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        // the reader of the output went away (`sc tail … | head`): stop reading
        process.stdout.on('error', () => stop.abort());
        const show = (record: DescribedRecord) => {
          if (!stop.signal.aborted) process.stdout.write(`${flags.json ? JSON.stringify(record) : recordText(record)}\n`);
        };
        const summary = await withConnection(({ kafka, admin, codec, logger }) =>
          tailTopic({
            kafka,
            admin,
            codec,
            logger,
            topic,
            start,
            exitAtEnd: flags.exitAtEnd === true,
            signal: stop.signal,
            show,
            ...(flags.key !== undefined ? { key: flags.key } : {}),
            ...(flags.max !== undefined ? { max: flags.max } : {}),
          }),
        );
        if (!flags.json)
          console.error(
            `sc: ${summary.shown} record(s) shown; stopped by ${summary.stoppedBy === 'signal' ? 'interrupt' : summary.stoppedBy === 'max' ? '--max' : 'the end offsets at the start'}`,
          );
      }),
    );
}
