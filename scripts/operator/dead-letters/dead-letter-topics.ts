import type { TopicSpec } from '@smartcourse/contracts';
import { topics } from '@smartcourse/contracts/catalog';
import { OperatorError } from '../failure.js';

/** The catalog's dead-letter topics, `<group>.dlq`, one per consumer group. */
export const deadLetterTopics: readonly TopicSpec[] = topics.filter((t) => t.kind === 'dead-letter');

/** The dead-letter topic named by the operator: its name (`notification.dlq`) or its group's (`notification`). */
export function deadLetterTopicNamed(name: string): TopicSpec {
  const found = deadLetterTopics.find((t) => t.name === name || t.owner === name);
  if (!found) {
    throw new OperatorError(
      `"${name}" is neither a dead-letter topic nor a consumer group with one (known: ${deadLetterTopics.map((t) => t.owner).join(', ')})`,
    );
  }
  return found;
}
