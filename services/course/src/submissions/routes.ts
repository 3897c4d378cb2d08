import { Router } from 'express';
import { GradeSubmissionEndpoint, SubmissionsEndpoint, SubmitWorkEndpoint } from '@smartcourse/contracts';
import { actorOf, newContext, pageMeta, requestContext, serveEndpoint, type Writer } from '@smartcourse/platform';
import { gradeSubmission } from './grading.js';
import { submissionList } from './listing.js';
import { submitWork } from './submit.js';
import { submissionView } from './views.js';

/**
 * Submissions and grades over synchronous HTTP, not Kafka commands: a student's work and an
 * instructor's feedback never travel through Kafka. Each write commits its state and its event
 * (outbox) together. Logs name ids, versions and scores, never the work or the feedback.
 */
export function submissionRoutes(deps: Writer): Router {
  const router = Router();
  const contextOf = (res: Parameters<typeof requestContext>[0]) => newContext(requestContext(res).correlationId);
  serveEndpoint(router, SubmitWorkEndpoint, async ({ params: { assignmentId }, body }, res) => {
    const submission = await submitWork(deps, assignmentId, body, actorOf(res), contextOf(res));
    requestContext(res).log.info({ assignmentId, submissionId: submission.id, version: submission.version, late: submission.late }, 'work submitted');
    res.status(201).json({ data: submissionView(submission, []) });
  });
  serveEndpoint(router, SubmissionsEndpoint, async ({ params: { assignmentId }, query }, res) => {
    const { entries, total } = await submissionList(deps.db, assignmentId, query, actorOf(res));
    res.json({ data: entries, meta: pageMeta(query.page, query.per_page, total) });
  });
  serveEndpoint(router, GradeSubmissionEndpoint, async ({ params: { submissionId }, body }, res) => {
    const { submission, grades } = await gradeSubmission(deps, submissionId, body, actorOf(res), contextOf(res));
    const grade = grades.at(-1);
    requestContext(res).log.info({ submissionId, revision: grade?.revision, finalScore: grade?.finalScore, passed: grade?.passed }, 'submission graded');
    res.json({ data: submissionView(submission, grades) });
  });
  return router;
}
