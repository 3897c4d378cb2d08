import { OperatorError } from '../failure.js';
import { sinceTime } from '../time.js';
import type { PartitionOffsets } from '../topics/broker-topics.js';

/** Where a tail starts reading. */
export type TailStart =
  | { from: 'end' }
  | { from: 'beginning' }
  | { from: 'time'; at: Date }
  /** Only these partitions, each from its offset (`--offset P:O`, repeatable). */
  | { from: 'offsets'; offsets: ReadonlyMap<number, number> };

export interface TailStartFlags {
  fromBeginning?: boolean;
  since?: string;
  offset?: string[];
}

/** The start the flags ask for; at most one of them. */
export function tailStart(flags: TailStartFlags, now: Date): TailStart {
  const given = [flags.fromBeginning && '--from-beginning', flags.since !== undefined && '--since', flags.offset !== undefined && '--offset'].filter(Boolean);
  if (given.length > 1) throw new OperatorError(`choose one start: ${given.join(', ')} contradict each other`);
  if (flags.fromBeginning) return { from: 'beginning' };
  if (flags.since !== undefined) return { from: 'time', at: sinceTime(flags.since, now) };
  if (flags.offset !== undefined) return { from: 'offsets', offsets: partitionOffsets(flags.offset) };
  return { from: 'end' };
}

/** `--offset P:O` values, one partition each. */
export function partitionOffsets(values: readonly string[]): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const value of values) {
    const match = /^(\d+):(\d+)$/.exec(value.trim());
    if (!match) throw new OperatorError(`--offset "${value}" is not PARTITION:OFFSET (e.g. 0:42)`);
    const partition = Number(match[1]);
    if (offsets.has(partition)) throw new OperatorError(`--offset names partition ${partition} twice`);
    offsets.set(partition, Number(match[2]));
  }
  return offsets;
}

/**
 * The offset each partition is read from. `byTime`: per partition, the first offset at or after
 * the `--since` time (the end where there is none), as the broker answers it.
 */
export function startPositions(
  topic: string,
  start: TailStart,
  offsets: readonly PartitionOffsets[],
  byTime?: ReadonlyMap<number, number>,
): Map<number, number> {
  switch (start.from) {
    case 'end':
      return new Map(offsets.map((o) => [o.partition, o.end]));
    case 'beginning':
      return new Map(offsets.map((o) => [o.partition, o.earliest]));
    case 'time':
      return new Map(offsets.map((o) => [o.partition, byTime?.get(o.partition) ?? o.end]));
    case 'offsets': {
      const positions = new Map<number, number>();
      for (const [partition, offset] of start.offsets) {
        const range = offsets.find((o) => o.partition === partition);
        if (!range) throw new OperatorError(`topic ${topic} has no partition ${partition} (it has ${offsets.map((o) => o.partition).join(', ')})`);
        if (offset < range.earliest || offset > range.end) {
          throw new OperatorError(
            `offset ${offset} is outside partition ${partition} of ${topic}, which holds ${range.earliest} to ${range.end - 1} (end ${range.end})`,
          );
        }
        positions.set(partition, offset);
      }
      return positions;
    }
  }
}
