import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function dlqCommand(): Command {
  return new Command('dlq').description('(being built)').action(
    action(async () => {
      throw new OperatorError('dlq is not built yet');
    }),
  );
}
