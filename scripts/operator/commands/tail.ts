import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function tailCommand(): Command {
  return new Command('tail').description('(being built)').action(
    action(async () => {
      throw new OperatorError('tail is not built yet');
    }),
  );
}
