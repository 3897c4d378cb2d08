import type { Response } from 'express';
import {
  CatalogEndpoint,
  Course,
  CourseEndpoint,
  CourseList,
  CourseListQuery,
  CourseParams,
  CreateCourseRequest,
  InstructorCourseList,
  InstructorCoursesEndpoint,
  InstructorCourseQuery,
  UpdateCourseRequest,
} from '@smartcourse/contracts';
import type { CommandBus } from '../../../commands/bus.js';
import { commandIdOf } from '../../../edge/idempotency.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';
import { commandResponses, deleteResponses } from '../../../commands/responses.js';
import { checkFileReferences, type FileReference } from '../../media/usable-files.js';

const authors = ['instructor', 'admin'] as const;
const notFound: ErrorSpec = { code: 'COURSE_NOT_FOUND', description: 'No such course, or a draft of someone else.' };
const archived: ErrorSpec = { code: 'COURSE_ARCHIVED' };
const unusableFile: ErrorSpec = {
  code: 'FILE_NOT_USABLE',
  description: 'thumbnailFileId is not a ready course-thumbnail upload of the caller (admins may use any).',
};

/** The thumbnail file a request names, checked at the edge against the media service. */
const thumbnailFile = (thumbnailFileId: string | null | undefined): FileReference[] => [
  { field: 'thumbnailFileId', ids: thumbnailFileId ? [thumbnailFileId] : [], purpose: 'course-thumbnail' },
];

/** Courses: the catalog and course reads are queries; authoring is commands to `course.commands`. */
export function courseRoutes(deps: { courses: InternalClient; media: InternalClient; bus: CommandBus }): RouteSpec[] {
  const readCourse = (res: Response, courseId: string, answer: { status?: number } = {}) =>
    forward(res, deps.courses, CourseEndpoint, { params: { courseId } }, answer);
  const statusChange = (action: 'publish' | 'unpublish' | 'archive', summary: string, errors: ErrorSpec[]): RouteSpec =>
    route({
      method: 'post',
      path: `/api/courses/:courseId/${action}`,
      summary,
      tag: 'courses',
      access: authors,
      command: true,
      request: { params: CourseParams },
      responses: commandResponses(200, 'The course after the change', Course),
      errors: [notFound, archived, ...errors],
      async handler({ params: { courseId } }, res) {
        const record = (
          {
            publish: 'smartcourse.commands.course.PublishCourse',
            unpublish: 'smartcourse.commands.course.UnpublishCourse',
            archive: 'smartcourse.commands.course.ArchiveCourse',
          } as const
        )[action];
        const status = await sendCommand(deps.bus, res, record, 'courseId', { courseId });
        await respondToCommand(res, status, () => readCourse(res, courseId));
      },
    });

  return [
    route({
      method: 'get',
      path: '/api/courses',
      summary: 'The catalog: published courses, with full-text search, filters, sorting and pages',
      tag: 'courses',
      access: 'public',
      request: { query: CourseListQuery },
      responses: { 200: { description: 'One page of published courses', body: CourseList } },
      handler: ({ query }, res) => forward(res, deps.courses, CatalogEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/courses/:courseId',
      summary: 'A course with its outline (modules and lessons, no bodies)',
      tag: 'courses',
      access: 'anyone',
      request: { params: CourseParams },
      responses: { 200: { description: 'The course', body: Course } },
      errors: [notFound],
      handler: ({ params: { courseId } }, res) => readCourse(res, courseId),
    }),
    route({
      method: 'post',
      path: '/api/courses',
      summary: 'Create a draft course (its slug is derived from the title and unique)',
      tag: 'courses',
      access: authors,
      command: true,
      request: { body: CreateCourseRequest },
      responses: commandResponses(201, 'The draft course', Course),
      errors: [unusableFile],
      async handler({ body }, res) {
        if (!(await checkFileReferences(deps.media, res, thumbnailFile(body.thumbnailFileId)))) return;
        // The course takes the command's id, so a retry with the same Idempotency-Key reads back the same course.
        const courseId = commandIdOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.CreateCourse', 'courseId', {
          courseId,
          title: body.title,
          summary: body.summary,
          description: body.description ?? null,
          category: body.category ?? null,
          tags: body.tags,
          level: body.level,
          language: body.language,
          priceCents: body.priceCents,
          currency: body.currency,
          thumbnailUrl: body.thumbnailUrl ?? null,
          thumbnailFileId: body.thumbnailFileId ?? null,
        });
        await respondToCommand(res, status, () => readCourse(res, courseId, { status: 201 }));
      },
    }),
    route({
      method: 'patch',
      path: '/api/courses/:courseId',
      summary: "Change some of a course's facts (null clears description, category, thumbnailUrl or thumbnailFileId)",
      tag: 'courses',
      access: authors,
      command: true,
      request: { params: CourseParams, body: UpdateCourseRequest },
      responses: commandResponses(200, 'The changed course', Course),
      errors: [notFound, archived, unusableFile],
      async handler({ params: { courseId }, body }, res) {
        if (!(await checkFileReferences(deps.media, res, thumbnailFile(body.thumbnailFileId)))) return;
        const clear = (['description', 'category', 'thumbnailUrl', 'thumbnailFileId'] as const).filter((field) => body[field] === null);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.UpdateCourse', 'courseId', {
          courseId,
          title: body.title ?? null,
          summary: body.summary ?? null,
          description: body.description ?? null,
          category: body.category ?? null,
          tags: body.tags ?? null,
          level: body.level ?? null,
          language: body.language ?? null,
          priceCents: body.priceCents ?? null,
          currency: body.currency ?? null,
          thumbnailUrl: body.thumbnailUrl ?? null,
          thumbnailFileId: body.thumbnailFileId ?? null,
          clear,
        });
        await respondToCommand(res, status, () => readCourse(res, courseId));
      },
    }),
    statusChange('publish', 'Publish a course (at least one lesson; every quiz lesson with a quiz that has questions)', [{ code: 'COURSE_NOT_PUBLISHABLE' }]),
    statusChange('unpublish', 'Take a published course out of the catalog (enrolled students keep access)', [{ code: 'INVALID_STATUS_CHANGE' }]),
    statusChange('archive', 'Archive a course for good', []),
    route({
      method: 'delete',
      path: '/api/courses/:courseId',
      summary: 'Delete a draft that was never published (others: archive them)',
      tag: 'courses',
      access: authors,
      command: true,
      request: { params: CourseParams },
      responses: deleteResponses,
      errors: [notFound, { code: 'COURSE_NOT_DELETABLE' }],
      async handler({ params: { courseId } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.course.DeleteCourse', 'courseId', { courseId });
        await respondToCommand(res, status, async () => void res.status(204).end());
      },
    }),
    route({
      method: 'get',
      path: '/api/instructors/me/courses',
      summary: 'My courses, drafts included, with enrollment counts',
      tag: 'courses',
      access: authors,
      request: { query: InstructorCourseQuery },
      responses: { 200: { description: 'One page of my courses', body: InstructorCourseList } },
      handler: ({ query }, res) => forward(res, deps.courses, InstructorCoursesEndpoint, { query }),
    }),
  ];
}
