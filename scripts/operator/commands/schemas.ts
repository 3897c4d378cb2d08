import { Command } from 'commander';
import { OperatorError } from '../failure.js';
import { action } from '../failure.js';

export function schemasCommand(): Command {
  return new Command('schemas').description('(being built)').action(
    action(async () => {
      throw new OperatorError('schemas is not built yet');
    }),
  );
}
