import type { ArchiveCourse, CreateCourse, DeleteCourse, PublishCourse, UnpublishCourse, UpdateCourse } from '@smartcourse/contracts';
import { commandHandler, type Pipeline, type Knex } from '@smartcourse/platform';
import { pruneBodies, type BodyModel } from '../outline/bodies.js';
import { assignmentLessonsOf } from '../assignments/store.js';
import { readinessOf } from '../outline/rules.js';
import { loadOutline } from '../outline/store.js';
import { quizzesOfCourse } from '../quizzes/store.js';
import { structureChange } from '../outline/structure.js';
import { courseEvent, courseFacts } from './events.js';
import {
  decideArchive,
  decideCreate,
  decideDelete,
  decidePublish,
  decideUnpublish,
  decideUpdate,
  nextFreeSlug,
  slugOf,
  type Course,
  type CourseFacts,
  type OutlineReadiness,
} from './rules.js';
import { deleteCourse, findCourse, insertCourse, setStatus, takenSlugs, updateFacts } from './store.js';

const lockCourse = (trx: Knex.Transaction, command: { courseId: string }) => findCourse(trx, command.courseId, { forUpdate: true });

function present(course: Course | undefined, command: { courseId: string }): Course {
  if (!course) throw new Error(`a command was accepted for a missing course ${command.courseId}`);
  return course;
}

export const createCourseHandler = (pipeline: Pipeline) =>
  commandHandler<CreateCourse, Course, CourseFacts>(pipeline, {
    commandType: 'CreateCourse',
    aggregateId: (command) => command.courseId,
    load: lockCourse,
    decide: decideCreate,
    async apply(trx, { change, command, context }) {
      const base = slugOf(change.title);
      const slug = nextFreeSlug(base, await takenSlugs(trx, base));
      const course = await insertCourse(trx, { id: command.courseId, slug, instructorId: command.actor.userId, facts: change });
      return [courseEvent('course.created', courseFacts(course), course.id, context)];
    },
  });

export const updateCourseHandler = (pipeline: Pipeline) =>
  commandHandler<UpdateCourse, Course, { facts: CourseFacts; changed: string[] }>(pipeline, {
    commandType: 'UpdateCourse',
    aggregateId: (command) => command.courseId,
    load: lockCourse,
    decide: decideUpdate,
    async apply(trx, { state, change, command, context }) {
      const course = await updateFacts(trx, present(state, command).id, change.facts);
      return [courseEvent('course.updated', { ...courseFacts(course), status: course.status, changedFields: change.changed }, course.id, context)];
    },
  });

/** Publishing checks the outline under the course's lock, then announces the course and its structure. */
export const publishCourseHandler = (pipeline: Pipeline) =>
  commandHandler<PublishCourse, { course: Course; readiness: OutlineReadiness }, { status: 'published' }>(pipeline, {
    commandType: 'PublishCourse',
    aggregateId: (command) => command.courseId,
    async load(trx, command) {
      const course = await lockCourse(trx, command);
      if (!course) return undefined;
      return {
        course,
        readiness: readinessOf(await loadOutline(trx, course.id), await quizzesOfCourse(trx, course.id), await assignmentLessonsOf(trx, course.id)),
      };
    },
    decide: (state, command) =>
      decidePublish(
        state?.course,
        command.actor,
        state?.readiness ?? { lessonCount: 0, quizLessonsWithoutQuestions: [], assignmentLessonsWithoutAssignment: [] },
      ),
    async apply(trx, { state, command, context }) {
      const course = await setStatus(trx, present(state?.course, command).id, 'published');
      const structure = await structureChange(trx, course, context, { publishing: true });
      const published = await findCourse(trx, course.id);
      const version = present(published, command).structureVersion;
      return [courseEvent('course.published', { ...courseFacts(course), structureVersion: version }, course.id, context), ...structure];
    },
  });

/** Unpublish and archive: a status change announced with who made it. */
function statusCommand<C extends UnpublishCourse | ArchiveCourse>(
  pipeline: Pipeline,
  commandType: string,
  decide: (course: Course | undefined, actor: C['actor']) => ReturnType<typeof decideUnpublish | typeof decideArchive>,
  status: 'unpublished' | 'archived',
) {
  return commandHandler<C, Course, unknown>(pipeline, {
    commandType,
    aggregateId: (command) => command.courseId,
    load: lockCourse,
    decide: (course, command) => decide(course, command.actor),
    async apply(trx, { state, command, context }) {
      const course = present(state, command);
      await setStatus(trx, course.id, status);
      return [courseEvent(`course.${status}`, { courseId: course.id, instructorId: course.instructorId, by: command.actor.userId }, course.id, context)];
    },
  });
}

export const unpublishCourseHandler = (pipeline: Pipeline) => statusCommand<UnpublishCourse>(pipeline, 'UnpublishCourse', decideUnpublish, 'unpublished');
export const archiveCourseHandler = (pipeline: Pipeline) => statusCommand<ArchiveCourse>(pipeline, 'ArchiveCourse', decideArchive, 'archived');

/** A draft's lesson bodies go first (a retry deletes nothing more), then its rows. */
export const deleteCourseHandler = ({ pipeline, bodies }: { pipeline: Pipeline; bodies: BodyModel }) =>
  commandHandler<DeleteCourse, Course, unknown>(pipeline, {
    commandType: 'DeleteCourse',
    aggregateId: (command) => command.courseId,
    load: lockCourse,
    decide: (course, command) => decideDelete(course, command.actor),
    async apply(trx, { state, command, context }) {
      const course = present(state, command);
      for (const module of await loadOutline(trx, course.id)) {
        for (const lesson of module.lessons) await pruneBodies(bodies, lesson.id);
      }
      await deleteCourse(trx, course.id);
      return [courseEvent('course.deleted', { courseId: course.id, instructorId: course.instructorId, by: command.actor.userId }, course.id, context)];
    },
  });
