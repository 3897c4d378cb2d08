import { OperatorError } from '../failure.js';
import type { PartitionBounds } from './read-records.js';

/** Per partition: the records a purge deletes, those before `before` (the offset that becomes the start). */
export interface PartitionPurge extends PartitionBounds {
  before: number;
  records: number;
}

/** What `purge --before` deletes; refuses an offset past a partition's end (records that do not exist yet). */
export function purgePlan(topic: string, bounds: readonly PartitionBounds[], request: { partition?: number; before: number }): PartitionPurge[] {
  if (request.partition !== undefined && !bounds.some((b) => b.partition === request.partition)) {
    throw new OperatorError(`${topic} has no partition ${request.partition} (partitions: ${bounds.map((b) => b.partition).join(', ')})`);
  }
  return bounds
    .filter((b) => request.partition === undefined || b.partition === request.partition)
    .map((b) => {
      if (request.before > b.end) throw new OperatorError(`${topic} partition ${b.partition} ends at offset ${b.end}: cannot purge before ${request.before}`);
      return { ...b, before: Math.max(b.start, request.before), records: Math.max(0, request.before - b.start) };
    });
}
