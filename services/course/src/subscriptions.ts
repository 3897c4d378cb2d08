import type { CommandRecords } from '@smartcourse/contracts';
import { commandSubscription, eventSubscriptions, on, type CommandHandling, type Knex, type Pipeline, type Subscription } from '@smartcourse/platform';
import {
  archiveCourseHandler,
  createCourseHandler,
  deleteCourseHandler,
  publishCourseHandler,
  unpublishCourseHandler,
  updateCourseHandler,
} from './courses/commands.js';
import type { BodyModel } from './outline/bodies.js';
import {
  addLessonHandler,
  addModuleHandler,
  removeLessonHandler,
  removeModuleHandler,
  reorderLessonsHandler,
  reorderModulesHandler,
  updateLessonHandler,
  updateModuleHandler,
} from './outline/commands.js';
import { replicas } from './replicas.js';
import { eraseSubmissionText } from './submissions/handlers.js';

type CourseCommand = Extract<keyof CommandRecords, `smartcourse.commands.course.${string}`>;

/** Every topic this service consumes, and the handler of each command record type. */
export function subscriptions(deps: { pipeline: Pipeline; bodies: BodyModel; db: Knex }): Subscription[] {
  const { pipeline } = deps;
  const commands: Record<CourseCommand, CommandHandling> = {
    'smartcourse.commands.course.CreateCourse': createCourseHandler(pipeline),
    'smartcourse.commands.course.UpdateCourse': updateCourseHandler(pipeline),
    'smartcourse.commands.course.PublishCourse': publishCourseHandler(pipeline),
    'smartcourse.commands.course.UnpublishCourse': unpublishCourseHandler(pipeline),
    'smartcourse.commands.course.ArchiveCourse': archiveCourseHandler(pipeline),
    'smartcourse.commands.course.DeleteCourse': deleteCourseHandler(deps),
    'smartcourse.commands.course.AddModule': addModuleHandler(deps),
    'smartcourse.commands.course.UpdateModule': updateModuleHandler(deps),
    'smartcourse.commands.course.RemoveModule': removeModuleHandler(deps),
    'smartcourse.commands.course.ReorderModules': reorderModulesHandler(deps),
    'smartcourse.commands.course.AddLesson': addLessonHandler(deps),
    'smartcourse.commands.course.UpdateLesson': updateLessonHandler(deps),
    'smartcourse.commands.course.RemoveLesson': removeLessonHandler(deps),
    'smartcourse.commands.course.ReorderLessons': reorderLessonsHandler(deps),
  };
  // The replicas: enrollments, and the display names of the people who teach (every user: a role can change later).
  // An erasure also takes the text of the person's submissions.
  return [
    commandSubscription(pipeline, 'course.commands', commands),
    ...eventSubscriptions(pipeline, { replicas, listeners: [on('user.erased', eraseSubmissionText)] }),
  ];
}
