import { Router } from 'express';
import { AssignmentEndpoint, SetAssignmentEndpoint } from '@smartcourse/contracts';
import { actorOf, requestContext, serveEndpoint, type Writer } from '@smartcourse/platform';
import { setAssignment } from './authoring.js';
import { readAssignment } from './reading.js';
import { assignmentView } from './views.js';

/** Authoring and reading an assignment lesson's assignment. */
export function assignmentRoutes(deps: Writer): Router {
  const router = Router();
  serveEndpoint(router, SetAssignmentEndpoint, async ({ params: { lessonId }, body }, res) => {
    const assignment = await setAssignment(deps, lessonId, body, actorOf(res));
    requestContext(res).log.info({ assignmentId: assignment.id, lessonId, version: assignment.version }, 'assignment set');
    res.json({ data: assignmentView(assignment) });
  });
  serveEndpoint(router, AssignmentEndpoint, async ({ params: { lessonId } }, res) => {
    res.json({ data: assignmentView(await readAssignment(deps.db, lessonId, actorOf(res))) });
  });
  return router;
}
