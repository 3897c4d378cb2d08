/**
 * A refusal or fault the operator can act on: printed as one line naming what is wrong, exit
 * status 1. Anything else is a bug and is printed with its stack.
 */
export class OperatorError extends Error {
  override name = 'OperatorError';
}

/** Runs a command's action, turning its failure into a message and an exit status. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      process.exitCode = 1;
      if (error instanceof OperatorError) console.error(`sc: ${error.message}`);
      else console.error(error);
    }
  };
}
