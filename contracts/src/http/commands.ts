import { z } from 'zod';

/** What `/api/commands/{id}` and a 202 answer report about a command. */
export const CommandStatus = z.object({
  commandId: z.string(),
  commandType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  actorId: z.string(),
  aggregateId: z.string(),
  submittedAt: z.string(),
  completedAt: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
});
export type CommandStatus = z.infer<typeof CommandStatus>;

export const IdParams = z.object({ id: z.uuid() });
export type IdParams = z.infer<typeof IdParams>;
