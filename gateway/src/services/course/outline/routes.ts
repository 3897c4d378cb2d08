import type { Response } from 'express';
import {
  CreateLessonRequest,
  Lesson,
  LessonOrderRequest,
  LessonParams,
  ModuleOrderRequest,
  ModuleParams,
  ModuleRequest,
  OutlineModule,
  CourseEndpoint,
  CourseParams,
  LessonEndpoint,
  UpdateLessonRequest,
  type Course,
  type LessonBody,
} from '@smartcourse/contracts';
import { z } from 'zod';
import { notFound } from '@smartcourse/platform';
import type { CommandBus } from '../../../commands/bus.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import { commandIdOf } from '../../../edge/idempotency.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward, onBehalfOf, relay } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';
import { commandResponses, deleteResponses } from '../../../commands/responses.js';
import { checkFileReferences, type FileReference } from '../../media/usable-files.js';

const authors = ['instructor', 'admin'] as const;
const courseNotFound: ErrorSpec = { code: 'COURSE_NOT_FOUND' };
const moduleNotFound: ErrorSpec = { code: 'MODULE_NOT_FOUND' };
const lessonNotFound: ErrorSpec = { code: 'LESSON_NOT_FOUND' };
const archived: ErrorSpec = { code: 'COURSE_ARCHIVED' };
const orderMismatch: ErrorSpec = { code: 'ORDER_MISMATCH' };
const unusableFile: ErrorSpec = {
  code: 'FILE_NOT_USABLE',
  description: "A file of the body is not a ready upload of the caller (admins may use any) of the field's purpose: lesson-video, lesson-attachment.",
};

/** The files a lesson body names, checked at the edge against the media service. */
const bodyFiles = (body: LessonBody | undefined): FileReference[] =>
  body
    ? [
        { field: 'body.videoFileId', ids: body.videoFileId ? [body.videoFileId] : [], purpose: 'lesson-video' },
        { field: 'body.attachmentFileIds', ids: body.attachmentFileIds, purpose: 'lesson-attachment' },
      ]
    : [];
const CourseModules = z.array(OutlineModule);

/** The body as a command carries it: absent fields are null; URL attachments are only what commands before file ids carried. */
const bodyRecord = (body: LessonBody) => ({
  markdown: body.markdown ?? null,
  videoUrl: body.videoUrl ?? null,
  videoFileId: body.videoFileId ?? null,
  attachmentFileIds: body.attachmentFileIds,
  links: body.links.map((link) => ({ title: link.title ?? null, url: link.url, sizeBytes: link.sizeBytes ?? null, contentType: link.contentType ?? null })),
  attachments: [],
});

/** Modules and lessons: commands to `course.commands`; a lesson with its body is a query. */
export function outlineRoutes(deps: { courses: InternalClient; media: InternalClient; bus: CommandBus }): RouteSpec[] {
  /** Answers one part of the course the command changed, read back as the caller sees it. */
  async function answerWith(res: Response, courseId: string, pick: (course: Course) => unknown, status = 200) {
    const answer = await deps.courses.call(CourseEndpoint, { params: { courseId }, ...onBehalfOf(res) });
    if (answer.status !== 200) return relay(res, answer);
    const part = pick((answer.body as { data: Course }).data);
    if (part === undefined) throw notFound('MODULE_NOT_FOUND', 'The module is gone: it was removed meanwhile.');
    res.status(status).json({ data: part });
  }
  const moduleIn = (moduleId: string) => (course: Course) => course.modules.find((module) => module.id === moduleId);
  const readLesson = (res: Response, lessonId: string, status = 200) => forward(res, deps.courses, LessonEndpoint, { params: { lessonId } }, { status });

  return [
    route({
      method: 'post',
      path: '/api/courses/:courseId/modules',
      summary: 'Add a module at the end of the outline',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: CourseParams, body: ModuleRequest },
      responses: commandResponses(201, 'The new module', OutlineModule),
      errors: [courseNotFound, archived],
      async handler({ params: { courseId }, body }, res) {
        const moduleId = commandIdOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.AddModule', 'courseId', { courseId, moduleId, title: body.title });
        await respondToCommand(res, status, () => answerWith(res, courseId, moduleIn(moduleId), 201));
      },
    }),
    route({
      method: 'patch',
      path: '/api/courses/:courseId/modules/:moduleId',
      summary: 'Rename a module',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: ModuleParams, body: ModuleRequest },
      responses: commandResponses(200, 'The module', OutlineModule),
      errors: [courseNotFound, moduleNotFound, archived],
      async handler({ params: { courseId, moduleId }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.UpdateModule', 'courseId', { courseId, moduleId, title: body.title });
        await respondToCommand(res, status, () => answerWith(res, courseId, moduleIn(moduleId)));
      },
    }),
    route({
      method: 'delete',
      path: '/api/courses/:courseId/modules/:moduleId',
      summary: 'Remove a module with its lessons',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: ModuleParams },
      responses: deleteResponses,
      errors: [courseNotFound, moduleNotFound, archived],
      async handler({ params: { courseId, moduleId } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.RemoveModule', 'courseId', { courseId, moduleId });
        await respondToCommand(res, status, async () => void res.status(204).end());
      },
    }),
    route({
      method: 'put',
      path: '/api/courses/:courseId/modules/order',
      summary: "Set the order of the course's modules (exactly the current set of ids)",
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: CourseParams, body: ModuleOrderRequest },
      responses: commandResponses(200, 'The modules in their new order', CourseModules),
      errors: [courseNotFound, archived, orderMismatch],
      async handler({ params: { courseId }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.ReorderModules', 'courseId', { courseId, moduleIds: body.moduleIds });
        await respondToCommand(res, status, () => answerWith(res, courseId, (course) => course.modules));
      },
    }),
    route({
      method: 'post',
      path: '/api/courses/:courseId/modules/:moduleId/lessons',
      summary: 'Add a lesson at the end of a module (its body goes to the document store)',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: ModuleParams, body: CreateLessonRequest },
      responses: commandResponses(201, 'The new lesson with its body', Lesson),
      errors: [courseNotFound, moduleNotFound, archived, unusableFile],
      async handler({ params: { courseId, moduleId }, body }, res) {
        if (!(await checkFileReferences(deps.media, res, bodyFiles(body.body)))) return;
        const lessonId = commandIdOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.AddLesson', 'courseId', {
          courseId,
          moduleId,
          lessonId,
          title: body.title,
          kind: body.kind,
          durationMinutes: body.durationMinutes,
          isPreview: body.isPreview,
          required: body.required,
          body: bodyRecord(body.body),
        });
        await respondToCommand(res, status, () => readLesson(res, lessonId, 201));
      },
    }),
    route({
      method: 'put',
      path: '/api/courses/:courseId/modules/:moduleId/lessons/order',
      summary: "Set the order of a module's lessons (exactly the current set of ids)",
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: ModuleParams, body: LessonOrderRequest },
      responses: commandResponses(200, 'The module with its lessons in their new order', OutlineModule),
      errors: [courseNotFound, moduleNotFound, archived, orderMismatch],
      async handler({ params: { courseId, moduleId }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.ReorderLessons', 'courseId', {
          courseId,
          moduleId,
          lessonIds: body.lessonIds,
        });
        await respondToCommand(res, status, () => answerWith(res, courseId, moduleIn(moduleId)));
      },
    }),
    route({
      method: 'get',
      path: '/api/lessons/:lessonId',
      summary: 'A lesson with its body (enrolled students, the owner, admins; anyone for a preview of a published course)',
      tag: 'outline',
      access: 'anyone',
      request: { params: LessonParams },
      responses: { 200: { description: 'The lesson with its body', body: Lesson } },
      errors: [lessonNotFound, { code: 'ENROLLMENT_REQUIRED' }],
      handler: ({ params }, res) => forward(res, deps.courses, LessonEndpoint, { params }),
    }),
    route({
      method: 'patch',
      path: '/api/lessons/:lessonId',
      summary: 'Change some of a lesson (a body replaces the whole body)',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: LessonParams, body: UpdateLessonRequest },
      responses: commandResponses(200, 'The lesson with its body', Lesson),
      errors: [lessonNotFound, archived, { code: 'LESSON_HAS_QUIZ' }, unusableFile],
      async handler({ params: { lessonId }, body }, res) {
        if (!(await checkFileReferences(deps.media, res, bodyFiles(body.body)))) return;
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.UpdateLesson', 'lessonId', {
          lessonId,
          title: body.title ?? null,
          kind: body.kind ?? null,
          durationMinutes: body.durationMinutes ?? null,
          isPreview: body.isPreview ?? null,
          required: body.required ?? null,
          body: body.body ? bodyRecord(body.body) : null,
        });
        await respondToCommand(res, status, () => readLesson(res, lessonId));
      },
    }),
    route({
      method: 'delete',
      path: '/api/lessons/:lessonId',
      summary: 'Remove a lesson (and its quiz)',
      tag: 'outline',
      access: authors,
      command: true,
      request: { params: LessonParams },
      responses: deleteResponses,
      errors: [lessonNotFound, archived],
      async handler({ params: { lessonId } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.RemoveLesson', 'lessonId', { lessonId });
        await respondToCommand(res, status, async () => void res.status(204).end());
      },
    }),
  ];
}
