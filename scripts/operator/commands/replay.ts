import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function replayCommand(): Command {
  return new Command('replay').description('(being built)').action(
    action(async () => {
      throw new OperatorError('replay is not built yet');
    }),
  );
}
