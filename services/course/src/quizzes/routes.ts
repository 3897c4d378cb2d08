import { Router } from 'express';
import { AttemptsEndpoint, QuizEndpoint, SetQuizEndpoint, StartAttemptEndpoint, SubmitAttemptEndpoint } from '@smartcourse/contracts';
import { actorOf, newContext, pageMeta, requestContext, serveEndpoint, type Knex, type OutboxRelay } from '@smartcourse/platform';
import { attemptList } from '../attempts/listing.js';
import { startAttempt } from '../attempts/start.js';
import { submitAttempt } from '../attempts/submit.js';
import { gradedView, startedView } from '../attempts/views.js';
import { setQuiz } from './authoring.js';
import { readQuiz } from './reading.js';
import { ownerView } from './views.js';

export interface QuizRouteDeps {
  db: Knex;
  relay: Pick<OutboxRelay, 'wake'>;
  submitGraceSeconds: number;
}

/**
 * Quizzes and attempts over synchronous HTTP, not Kafka commands: answer keys and students'
 * answers never travel through Kafka. Each write commits its state and its events (outbox)
 * together. Logs name ids and scores, never an answer or a key.
 */
export function quizRoutes(deps: QuizRouteDeps): Router {
  const router = Router();
  const contextOf = (res: Parameters<typeof requestContext>[0]) => newContext(requestContext(res).correlationId);

  serveEndpoint(router, SetQuizEndpoint, async ({ params: { lessonId }, body }, res) => {
    const quiz = await setQuiz(deps, lessonId, body, actorOf(res), contextOf(res));
    requestContext(res).log.info({ quizId: quiz.id, lessonId, version: quiz.version, questionCount: quiz.questions.length }, 'quiz set');
    res.json({ data: ownerView(quiz) });
  });

  serveEndpoint(router, QuizEndpoint, async ({ params: { lessonId } }, res) => {
    res.json({ data: await readQuiz(deps.db, lessonId, actorOf(res)) });
  });

  serveEndpoint(router, StartAttemptEndpoint, async ({ params: { quizId }, body: { attemptId } }, res) => {
    const attempt = await startAttempt(deps, quizId, actorOf(res), contextOf(res), { attemptId });
    requestContext(res).log.info({ quizId, attemptId: attempt.id, attemptNumber: attempt.attemptNumber }, 'quiz attempt started');
    res.status(201).json({ data: startedView(attempt) });
  });

  serveEndpoint(router, SubmitAttemptEndpoint, async ({ params: ids, body: submission }, res) => {
    const graded = gradedView(await submitAttempt(deps, ids, submission, actorOf(res), contextOf(res)));
    requestContext(res).log.info({ ...ids, attemptNumber: graded.attemptNumber, score: graded.score, maxScore: graded.maxScore }, 'quiz attempt graded');
    res.json({ data: graded });
  });

  serveEndpoint(router, AttemptsEndpoint, async ({ params: { quizId }, query }, res) => {
    const { entries, total } = await attemptList(deps, quizId, query, actorOf(res));
    res.json({ data: entries, meta: pageMeta(query.page, query.per_page, total) });
  });

  return router;
}
