import type { Response } from 'express';

/**
 * The check of a submission's file ids against the media service: each must be the caller's
 * upload of purpose `submission`, ready (content stored), not deleted. It resolves when every id
 * passes and throws an AppError (FILE_NOT_USABLE, with each id and why) when one does not.
 */
export interface SubmissionFiles {
  verify(fileIds: readonly string[], res: Response): Promise<void>;
}

/**
 * Until the media service's check is plugged in here, ids are taken as the schema parsed them
 * (UUIDs, each once); the course service keeps them and the file read rule is answered from them.
 */
export const filesUnchecked: SubmissionFiles = { verify: async () => undefined };
