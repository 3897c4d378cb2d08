import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function topicsCommand(): Command {
  return new Command('topics').description('(being built)').action(
    action(async () => {
      throw new OperatorError('topics is not built yet');
    }),
  );
}
