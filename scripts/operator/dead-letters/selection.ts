import { OperatorError } from '../failure.js';
import type { OffsetRange, PartitionBounds } from './read-records.js';

/** Which records of a topic the operator means: partitions (all when absent) and inclusive offsets. */
export interface Selection {
  partition?: number;
  from?: number;
  to?: number;
}

export function nonNegativeInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new OperatorError(`${flag} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** `P:O`, a partition and an offset. */
export function parsePosition(flag: string, text: string): { partition: number; offset: number } {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match) throw new OperatorError(`${flag} must be PARTITION:OFFSET (e.g. 0:42), got "${text}"`);
  return { partition: Number(match[1]), offset: Number(match[2]) };
}

/** `FROM-TO`, both offsets included. */
export function parseOffsetRange(flag: string, text: string): { from: number; to: number } {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!match) throw new OperatorError(`${flag} must be FROM-TO (offsets, both included, e.g. 3-7), got "${text}"`);
  const range = { from: Number(match[1]), to: Number(match[2]) };
  if (range.from > range.to) throw new OperatorError(`${flag} ${text}: FROM is after TO`);
  return range;
}

/** The offset ranges of a selection on a topic, cut to what the partitions hold now. */
export function rangesOf(topic: string, bounds: readonly PartitionBounds[], selection: Selection): OffsetRange[] {
  if (selection.partition !== undefined && !bounds.some((b) => b.partition === selection.partition)) {
    throw new OperatorError(`${topic} has no partition ${selection.partition} (partitions: ${bounds.map((b) => b.partition).join(', ')})`);
  }
  return bounds
    .filter((b) => selection.partition === undefined || b.partition === selection.partition)
    .map((b) => ({
      topic,
      partition: b.partition,
      from: Math.max(b.start, selection.from ?? b.start),
      to: Math.min(b.end, selection.to === undefined ? b.end : selection.to + 1),
    }));
}

/** How the operator asked for the records, for the audit record. */
export function describeSelection(selection: Selection): string {
  const parts = [];
  if (selection.from === undefined && selection.to === undefined) parts.push('--all');
  else parts.push(`--offsets ${selection.from ?? 0}-${selection.to ?? 'end'}`);
  if (selection.partition !== undefined) parts.push(`--partition ${selection.partition}`);
  return parts.join(' ');
}
