import { AppError } from '../errors.js';
import type { Subscription } from '../kafka/consumer.js';
import type { IncomingMessage } from '../kafka/incoming.js';
import type { Pipeline } from '../pipeline.js';
import { commandBatchHandler, type CommandHandling } from './pipeline.js';

/**
 * A service's command topic: each record type to its handling, commands waiting in one partition
 * handled in one transaction. A record type with no handler is refused (to the dead letters).
 */
export function commandSubscription<N extends string>(pipeline: Pipeline, topic: string, commands: Record<N, CommandHandling>): Subscription {
  const commandOf = (message: IncomingMessage): CommandHandling => {
    const handling = (commands as Record<string, CommandHandling | undefined>)[message.recordName];
    if (!handling) throw new AppError({ code: 'UNKNOWN_COMMAND', message: `no handler for ${message.recordName}` });
    return handling;
  };
  return {
    topic,
    // A command sent before the group first ran is still the group's to handle (the inbox dedupes).
    fromBeginning: true,
    handle: (message, log) => commandOf(message).handle(message, log),
    handleBatch: commandBatchHandler(pipeline, (message) => commandOf(message).step),
  };
}
