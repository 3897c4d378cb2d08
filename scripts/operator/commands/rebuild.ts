import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function rebuildCommand(): Command {
  return new Command('rebuild').description('(being built)').action(
    action(async () => {
      throw new OperatorError('rebuild is not built yet');
    }),
  );
}
