import type { EventHandler } from '@smartcourse/platform';

/**
 * `user.erased` takes the text of the person's submissions (their files go with the media
 * service's own erasure); the versions, dates and grades stay, so a course's gradebook keeps its shape.
 */
export const eraseSubmissionText: EventHandler<'user.erased'> = async (event, { trx, log }) => {
  const erased = await trx('submissions').where({ student_id: event.userId }).whereNotNull('text').update({ text: null });
  if (erased > 0) log.info({ userId: event.userId, submissions: erased }, "an erased student's submission texts removed");
};
