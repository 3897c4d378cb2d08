import type { CommandBus } from '../../commands/bus.js';
import type { InternalClient } from '../../internal-client.js';
import type { RouteSpec } from '../../routing/spec.js';
import { assignmentRoutes } from './assignments/routes.js';
import { courseRoutes } from './courses/routes.js';
import { outlineRoutes } from './outline/routes.js';
import { quizRoutes } from './quizzes/routes.js';

/** Every public route the course service answers: queries to its API, authoring commands to `course.commands`. */
export function courseServiceRoutes(deps: { courses: InternalClient; media: InternalClient; bus: CommandBus }): RouteSpec[] {
  return [...courseRoutes(deps), ...outlineRoutes(deps), ...quizRoutes(deps), ...assignmentRoutes(deps)];
}
