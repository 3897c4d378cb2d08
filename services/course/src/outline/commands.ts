import type { AddLesson, AddModule, RemoveLesson, RemoveModule, ReorderLessons, ReorderModules, UpdateLesson, UpdateModule } from '@smartcourse/contracts';
import { CreateLessonRequest, ModuleRequest } from '@smartcourse/contracts';
import {
  accept,
  commandHandler,
  fieldIssues,
  reject,
  type CommandEnvelope,
  type CommandHandling,
  type Pipeline,
  type Decision,
  type Knex,
  type OutgoingRecord,
} from '@smartcourse/platform';
import { assignmentLessonsOf } from '../assignments/store.js';
import { findCourse } from '../courses/store.js';
import { authoringRefusal, type Course } from '../courses/rules.js';
import { replaceLessonFiles } from '../files/store.js';
import { quizzesOfCourse } from '../quizzes/store.js';
import { pruneBodies, writeBody, type BodyModel, type LessonBody } from './bodies.js';
import {
  bodyInput,
  decideLessonUpdate,
  filesOf,
  orderRefusal,
  storedBody,
  touchesStructure,
  type Lesson,
  type Module,
  type Outline,
  type QuizzesByLesson,
} from './rules.js';
import { deleteLesson, deleteModule, findLesson, insertLesson, insertModule, loadOutline, renameModule, setPositions, updateLesson } from './store.js';
import { structureChange } from './structure.js';

export interface OutlineDeps {
  pipeline: Pipeline;
  bodies: BodyModel;
}

/** The course, locked (every outline change of a course is serialised on its row), with its outline. */
interface OutlineState {
  course: Course;
  outline: Outline;
  quizzes: QuizzesByLesson;
  /** Lessons that have an assignment. */
  assignments: ReadonlySet<string>;
}

interface OutlineCommandSpec<C extends CommandEnvelope, T> {
  commandType: string;
  aggregateId(command: C): string;
  /** The course the command changes (a lesson command finds it through its lesson). */
  courseId(trx: Knex.Transaction, command: C): Promise<string | undefined>;
  /** A lesson command speaks of its lesson when the course is missing or hidden from the caller. */
  subject?: 'lesson';
  decide(state: OutlineState, command: C): Decision<T>;
  /** Writes the change; true when the structure other services replicate changed. */
  apply(trx: Knex.Transaction, state: OutlineState, change: T, command: C): Promise<boolean>;
}

/** An outline command through the pipeline: authoring rights first, then its own rule; a structure change is announced. */
function outlineCommand<C extends CommandEnvelope, T>(pipeline: Pipeline, spec: OutlineCommandSpec<C, T>): CommandHandling {
  return commandHandler<C, OutlineState, T>(pipeline, {
    commandType: spec.commandType,
    aggregateId: spec.aggregateId,
    async load(trx, command) {
      const courseId = await spec.courseId(trx, command);
      const course = courseId ? await findCourse(trx, courseId, { forUpdate: true }) : undefined;
      if (!course) return undefined;
      return {
        course,
        outline: await loadOutline(trx, course.id),
        quizzes: await quizzesOfCourse(trx, course.id),
        assignments: await assignmentLessonsOf(trx, course.id),
      };
    },
    decide(state, command) {
      const refusal = authoringRefusal(state?.course, command.actor);
      if (spec.subject === 'lesson' && (!state || refusal?.code === 'COURSE_NOT_FOUND')) return lessonNotFound();
      if (refusal || !state) return { kind: 'rejected', rejection: refusal ?? { code: 'COURSE_NOT_FOUND', message: 'No such course.' } };
      return spec.decide(state, command);
    },
    async apply(trx, { state, change, command, context }): Promise<OutgoingRecord[]> {
      if (!state) throw new Error(`${spec.commandType} accepted without its course`);
      const structural = await spec.apply(trx, state, change, command);
      return structural ? structureChange(trx, state.course, context) : [];
    },
  });
}

const moduleOf = (state: OutlineState, moduleId: string): Outline[number] | undefined => state.outline.find((module) => module.id === moduleId);
const lessonOf = (state: OutlineState, lessonId: string): Lesson | undefined =>
  state.outline.flatMap((module) => module.lessons).find((lesson) => lesson.id === lessonId);
const moduleNotFound = () => reject('MODULE_NOT_FOUND', 'No such module in this course.');
const lessonNotFound = () => reject('LESSON_NOT_FOUND', 'No such lesson.');
const courseOfCommand = async (_trx: Knex.Transaction, command: { courseId: string }) => command.courseId;
const courseOfLesson = async (trx: Knex.Transaction, command: { lessonId: string }) => (await findLesson(trx, command.lessonId))?.courseId;

function validTitle(title: string): Decision<{ title: string }> {
  const parsed = ModuleRequest.safeParse({ title });
  return parsed.success ? accept(parsed.data) : reject('VALIDATION_ERROR', 'The module is not valid.', fieldIssues(parsed.error.issues));
}

export const addModuleHandler = ({ pipeline }: OutlineDeps) =>
  outlineCommand<AddModule, { title: string }>(pipeline, {
    commandType: 'AddModule',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide: (state, command) => (moduleOf(state, command.moduleId) ? { kind: 'unchanged' } : validTitle(command.title)),
    async apply(trx, state, change, command) {
      await insertModule(trx, { id: command.moduleId, courseId: state.course.id, title: change.title });
      return true;
    },
  });

export const updateModuleHandler = ({ pipeline }: OutlineDeps) =>
  outlineCommand<UpdateModule, { title: string }>(pipeline, {
    commandType: 'UpdateModule',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide: (state, command) => (moduleOf(state, command.moduleId) ? validTitle(command.title) : moduleNotFound()),
    async apply(trx, _state, change, command) {
      await renameModule(trx, command.moduleId, change.title);
      return true;
    },
  });

export const removeModuleHandler = ({ pipeline, bodies }: OutlineDeps) =>
  outlineCommand<RemoveModule, Module & { lessons: Lesson[] }>(pipeline, {
    commandType: 'RemoveModule',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide(state, command) {
      const module = moduleOf(state, command.moduleId);
      return module ? accept(module) : moduleNotFound();
    },
    async apply(trx, _state, module) {
      // Bodies go first: a retry after a failed commit deletes nothing more and commits.
      for (const lesson of module.lessons) await pruneBodies(bodies, lesson.id);
      await deleteModule(trx, module);
      return true;
    },
  });

export const reorderModulesHandler = ({ pipeline }: OutlineDeps) =>
  outlineCommand<ReorderModules, string[]>(pipeline, {
    commandType: 'ReorderModules',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide(state, command) {
      const current = state.outline.map((module) => module.id);
      const refusal = orderRefusal(current, command.moduleIds, 'moduleIds');
      if (refusal) return { kind: 'rejected', rejection: refusal };
      return current.join() === command.moduleIds.join() ? { kind: 'unchanged' } : accept(command.moduleIds);
    },
    async apply(trx, _state, order) {
      await setPositions(trx, 'modules', order);
      return true;
    },
  });

function validLesson(
  command: AddLesson,
): Decision<Omit<Lesson, 'position' | 'updatedAt' | 'bodyRevision' | 'courseId' | 'moduleId' | 'id'> & { body: LessonBody }> {
  const parsed = CreateLessonRequest.safeParse({
    title: command.title,
    kind: command.kind,
    durationMinutes: command.durationMinutes,
    isPreview: command.isPreview,
    required: command.required,
    body: bodyInput(command.body),
  });
  if (!parsed.success) return reject('VALIDATION_ERROR', 'The lesson is not valid.', fieldIssues(parsed.error.issues));
  const { body, ...fields } = parsed.data;
  return accept({ ...fields, body: storedBody(body) });
}

/** The body is written to the document store first, keyed by lesson id and this command's id; then the row that names it. */
export const addLessonHandler = ({ pipeline, bodies }: OutlineDeps) =>
  outlineCommand<AddLesson, ReturnType<typeof validLesson> extends Decision<infer T> ? T : never>(pipeline, {
    commandType: 'AddLesson',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide(state, command) {
      if (!moduleOf(state, command.moduleId)) return moduleNotFound();
      if (lessonOf(state, command.lessonId)) return { kind: 'unchanged' };
      return validLesson(command);
    },
    async apply(trx, state, { body, ...lesson }, command) {
      await writeBody(bodies, command.lessonId, command.commandId, body);
      await insertLesson(trx, { id: command.lessonId, courseId: state.course.id, moduleId: command.moduleId, bodyRevision: command.commandId, ...lesson });
      await replaceLessonFiles(trx, command.lessonId, filesOf(body));
      return true;
    },
  });

export const updateLessonHandler = ({ pipeline, bodies }: OutlineDeps) =>
  outlineCommand<UpdateLesson, ReturnType<typeof decideLessonUpdate> extends Decision<infer T> ? T & { lesson: Lesson } : never>(pipeline, {
    commandType: 'UpdateLesson',
    aggregateId: (command) => command.lessonId,
    courseId: courseOfLesson,
    subject: 'lesson',
    decide(state, command) {
      const lesson = lessonOf(state, command.lessonId);
      if (!lesson) return lessonNotFound();
      return withLesson(lesson, decideLessonUpdate(lesson, command, { quiz: state.quizzes.has(lesson.id), assignment: state.assignments.has(lesson.id) }));
    },
    async apply(trx, _state, { lesson, fields, body }, command) {
      if (body) {
        await pruneBodies(bodies, lesson.id, [lesson.bodyRevision, command.commandId]);
        await writeBody(bodies, lesson.id, command.commandId, body);
      }
      await updateLesson(trx, lesson.id, { ...fields, ...(body ? { bodyRevision: command.commandId } : {}) });
      if (body) await replaceLessonFiles(trx, lesson.id, filesOf(body));
      return touchesStructure(fields);
    },
  });

export const removeLessonHandler = ({ pipeline, bodies }: OutlineDeps) =>
  outlineCommand<RemoveLesson, Lesson>(pipeline, {
    commandType: 'RemoveLesson',
    aggregateId: (command) => command.lessonId,
    courseId: courseOfLesson,
    subject: 'lesson',
    decide(state, command) {
      const lesson = lessonOf(state, command.lessonId);
      return lesson ? accept(lesson) : lessonNotFound();
    },
    async apply(trx, _state, lesson) {
      await pruneBodies(bodies, lesson.id);
      await deleteLesson(trx, lesson);
      return true;
    },
  });

export const reorderLessonsHandler = ({ pipeline }: OutlineDeps) =>
  outlineCommand<ReorderLessons, string[]>(pipeline, {
    commandType: 'ReorderLessons',
    aggregateId: (command) => command.courseId,
    courseId: courseOfCommand,
    decide(state, command) {
      const module = moduleOf(state, command.moduleId);
      if (!module) return moduleNotFound();
      const current = module.lessons.map((lesson) => lesson.id);
      const refusal = orderRefusal(current, command.lessonIds, 'lessonIds');
      if (refusal) return { kind: 'rejected', rejection: refusal };
      return current.join() === command.lessonIds.join() ? { kind: 'unchanged' } : accept(command.lessonIds);
    },
    async apply(trx, _state, order) {
      await setPositions(trx, 'lessons', order);
      return true;
    },
  });

function withLesson<T>(lesson: Lesson, decision: Decision<T>): Decision<T & { lesson: Lesson }> {
  return decision.kind === 'accepted' ? accept({ ...decision.change, lesson }) : decision;
}
