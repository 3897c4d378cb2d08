import { AppError, forbidden, inTransaction, notFound, type Actor, type EventHandler, type MessageContext, type Writer } from '@smartcourse/platform';
import { deletedEvent } from './events.js';
import { erasedPurposes, mayDelete } from './rules.js';
import { findFile, liveFilesOf, markDeleted } from './store.js';

export const fileNotFound = () => notFound('FILE_NOT_FOUND', 'No such file.');

/**
 * Soft delete by the uploader or an admin: the row says `deleted` and `file.deleted` is published
 * in one transaction; the bytes go with the next cleanup. References to it stop resolving at once.
 */
export async function deleteFile(deps: Writer, fileId: string, actor: Actor, context: MessageContext): Promise<void> {
  await inTransaction(deps, async ({ trx, emit }) => {
    const file = await findFile(trx, fileId, { forUpdate: true });
    if (!file || file.status === 'deleted') throw fileNotFound();
    if (!mayDelete(file, actor)) throw forbidden('Only the uploader and admins delete a file.');
    const deleted = await markDeleted(trx, fileId, actor.userId, new Date());
    if (!deleted) throw new AppError({ code: 'INTERNAL_ERROR', message: 'The file changed while it was deleted.' });
    emit(deletedEvent(deleted, actor.userId, 'deleted', context));
  });
}

/** `user.erased` deletes the person's avatar and submissions (what they taught stays with the courses), in the erasure's transaction. */
export const eraseFilesOf: EventHandler<'user.erased'> = async (event, { trx, emit, context, log }) => {
  const files = await liveFilesOf(trx, event.userId, erasedPurposes);
  const at = new Date();
  for (const file of files) {
    const deleted = await markDeleted(trx, file.id, null, at);
    if (deleted) emit(deletedEvent(deleted, 'system', 'erased', context));
  }
  if (files.length > 0) log.info({ userId: event.userId, files: files.length }, "an erased person's files deleted");
};
