import type { Response } from 'express';
import { isErrorCode } from '@smartcourse/contracts';
import { AppError, requestContext } from '@smartcourse/platform';
import type { CommandStatus } from './status.js';

export const commandLocation = (commandId: string) => `/api/commands/${commandId}`;

/**
 * Answers a command request from its status: 202 + Location while pending, the business
 * error when it failed, or whatever `succeeded` sends.
 */
export async function respondToCommand(res: Response, status: CommandStatus, succeeded: () => Promise<void>): Promise<void> {
  res.setHeader('x-command-id', status.commandId);
  if (status.status === 'pending') {
    res.status(202).location(commandLocation(status.commandId)).json({ data: status });
    return;
  }
  if (status.status === 'failed') {
    const error = status.error ?? { code: 'COMMAND_FAILED', message: 'The command failed.' };
    if (!isErrorCode(error.code)) {
      requestContext(res).log.error(
        { commandId: status.commandId, code: error.code },
        'command result carries an error code missing from contracts/src/errors.ts; answering 500',
      );
    }
    throw AppError.reported(error);
  }
  await succeeded();
}
