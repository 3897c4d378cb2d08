import { CommandStatus } from '@smartcourse/contracts';
import type { z } from 'zod';
import type { ResponseSpec } from '../routing/spec.js';

/** What a command route answers: the resource once applied (200, or 201 for a create), else 202 to poll. */
export function commandResponses(status: 200 | 201, description: string, body?: z.ZodType): Record<number, ResponseSpec> {
  return {
    [status]: { description, ...(body ? { body } : {}), headers: { 'x-command-id': 'The command id' } },
    202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
  };
}

/** A delete: 204 once applied, else 202 to poll. */
export const deleteResponses: Record<number, ResponseSpec> = {
  204: { description: 'Deleted', headers: { 'x-command-id': 'The command id' } },
  202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
};
