import { OperatorError } from './failure.js';

/** A topic and, optionally, some of its partitions: `--topic name` or `--topic name:0,2`. */
export interface TopicScope {
  topic: string;
  partitions?: number[];
}

export function parseTopicScope(text: string): TopicScope {
  const [topic, list, ...rest] = text.split(':');
  if (!topic || rest.length > 0) throw new OperatorError(`"${text}" is not TOPIC or TOPIC:PARTITION[,PARTITION…]`);
  if (list === undefined) return { topic };
  const partitions = list.split(',').map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (partitions.length === 0 || partitions.some(Number.isNaN)) throw new OperatorError(`"${text}": partitions must be numbers separated by commas`);
  return { topic, partitions };
}
