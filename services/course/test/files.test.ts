import { loadConfig } from '@smartcourse/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { configSchema } from '../src/config.js';
import { bodyModel, migrateUrlAttachments, type BodyModel } from '../src/outline/bodies.js';
import { seedCatalog } from '../../../test/support/catalog.js';
import { closeKafka } from '../../../test/support/kafka.js';
import { addLessonMessage, draftWithModule, enrollInProcess, lessonContent, log, startCourseService } from './in-process.js';

const config = loadConfig(configSchema);

let course: Awaited<ReturnType<typeof startCourseService>>;
let documents: mongoose.Connection;
let bodies: BodyModel;

beforeAll(async () => {
  course = await startCourseService();
  documents = await mongoose.createConnection(config.MONGO_URL, { dbName: config.COURSE_DOCUMENTS_DB_NAME }).asPromise();
  bodies = await bodyModel(documents);
}, 60_000);
afterAll(async () => {
  await course?.service.stop();
  await documents?.close();
  await closeKafka();
});

type Actor = { userId: string; role: string };
const person = (role: string): Actor => ({ userId: randomUUID(), role });

/** Adds a lesson through the service's command handler; returns its id. */
async function lessonWith(owner: Actor, target: { courseId: string; moduleId: string }, lesson: Parameters<typeof addLessonMessage>[3] = {}) {
  const message = addLessonMessage(course, owner, target, lesson);
  await course.handlerOf('course.commands')(message, log);
  return (message.value as { lessonId: string }).lessonId;
}

const readable = async (fileId: string, actor?: Actor) => {
  const answer = await course.internal(`/internal/files/${fileId}/access`, actor);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { data: { readable: boolean } }).data.readable;
};

const readLesson = async (lessonId: string, actor: Actor) =>
  ((await (await course.internal(`/internal/lessons/${lessonId}`, actor)).json()) as { data: { body: Record<string, unknown> } }).data.body;

describe('URL attachments of lessons written before file ids', () => {
  it('reads a body written before the migration, rewrites its attachments as links once, and reads the same after', async () => {
    const owner = person('instructor');
    const target = await draftWithModule(course, owner);
    const lessonId = await lessonWith(owner, target, { markdown: 'Glaze recipes.' });
    const { body_revision: revision } = await course.db('lessons').where({ id: lessonId }).first();
    // The document as the service wrote it before file ids: URL attachments, no links.
    await documents.collection('lesson_bodies').replaceOne(
      { lessonId, revision },
      {
        lessonId,
        revision,
        markdown: 'Glaze recipes.',
        videoUrl: 'https://video.example.test/glaze',
        attachments: [
          { name: 'recipes.pdf', url: 'https://files.example.test/recipes.pdf', sizeBytes: 4096, contentType: 'application/pdf' },
          { name: 'kiln log', url: 'https://files.example.test/kiln' },
        ],
        createdAt: new Date(),
      },
    );
    const links = [
      { title: 'recipes.pdf', url: 'https://files.example.test/recipes.pdf', sizeBytes: 4096, contentType: 'application/pdf' },
      { title: 'kiln log', url: 'https://files.example.test/kiln' },
    ];
    const expected = { markdown: 'Glaze recipes.', videoUrl: 'https://video.example.test/glaze', videoFileId: null, attachmentFileIds: [], links };
    expect(await readLesson(lessonId, owner)).toEqual(expected);

    expect(await migrateUrlAttachments(bodies)).toBeGreaterThanOrEqual(1);
    const migrated = await documents.collection('lesson_bodies').findOne({ lessonId, revision });
    expect(migrated).not.toHaveProperty('attachments');
    expect(migrated?.links).toEqual(links);
    expect(await readLesson(lessonId, owner)).toEqual(expected);
    expect(await migrateUrlAttachments(bodies)).toBe(0);
  });

  it('keeps the URL attachments of a command written before file ids as links', async () => {
    const owner = person('instructor');
    const target = await draftWithModule(course, owner);
    const lessonId = await lessonWith(owner, target, {
      body: { attachments: [{ name: 'slip.txt', url: 'https://files.example.test/slip', sizeBytes: null, contentType: null }] },
    });
    expect((await readLesson(lessonId, owner)).links).toEqual([{ title: 'slip.txt', url: 'https://files.example.test/slip' }]);
  });
});

describe('who may read a file courses and lessons refer to', () => {
  it('follows the lesson read rule for videos and attachments, and course visibility for thumbnails', async () => {
    const owner = person('instructor');
    const [video, sheet, previewSheet, thumbnail] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const target = await draftWithModule(course, owner);
    const lesson = await lessonWith(owner, target, { body: { videoFileId: video, attachmentFileIds: [sheet] } });
    await lessonWith(owner, target, { isPreview: true, body: { attachmentFileIds: [previewSheet] } });
    const update = { title: null, summary: null, description: null, category: null, tags: null, level: null, language: null, priceCents: null, currency: null };
    const thumbnailSet = await course.command('smartcourse.commands.course.UpdateCourse', owner, {
      courseId: target.courseId,
      ...update,
      thumbnailUrl: null,
      thumbnailFileId: thumbnail,
      clear: [],
    });
    expect(thumbnailSet.status).toBe('succeeded');

    const [admin, rival, student, enrolled] = [person('admin'), person('instructor'), person('student'), person('student')];
    // A draft: its owner and admins only.
    expect(await readable(video, owner)).toBe(true);
    expect(await readable(sheet, admin)).toBe(true);
    expect(await readable(thumbnail, owner)).toBe(true);
    for (const outsider of [rival, student, undefined]) {
      expect(await readable(video, outsider)).toBe(false);
      expect(await readable(previewSheet, outsider)).toBe(false);
      expect(await readable(thumbnail, outsider)).toBe(false);
    }

    expect((await course.command('smartcourse.commands.course.PublishCourse', owner, { courseId: target.courseId })).status).toBe('succeeded');
    await enrollInProcess(course, enrolled.userId, target.courseId);
    // Published: the thumbnail and a preview's files for anyone, the other lessons' files for enrolled students.
    expect(await readable(thumbnail, undefined)).toBe(true);
    expect(await readable(previewSheet, undefined)).toBe(true);
    expect(await readable(video, student)).toBe(false);
    expect(await readable(sheet, undefined)).toBe(false);
    expect(await readable(video, enrolled)).toBe(true);
    expect(await readable(sheet, enrolled)).toBe(true);
    expect(await readable(randomUUID(), admin)).toBe(false);

    // A new body names other files: the ones it dropped are no longer the lesson's.
    const replaced = await course.command('smartcourse.commands.course.UpdateLesson', owner, {
      lessonId: lesson,
      title: null,
      kind: null,
      durationMinutes: null,
      isPreview: null,
      required: null,
      body: lessonContent({ videoFileId: video }),
    });
    expect(replaced.status).toBe('succeeded');
    expect(await readable(sheet, owner)).toBe(false);
    expect(await readable(video, enrolled)).toBe(true);
    expect((await course.command('smartcourse.commands.course.RemoveLesson', owner, { lessonId: lesson })).status).toBe('succeeded');
    expect(await readable(video, owner)).toBe(false);
  });

  it('finds the lessons and courses that name a file through their indexes', async () => {
    const owner = person('instructor');
    const target = await draftWithModule(course, owner);
    const lessonId = await lessonWith(owner, target);
    await seedCatalog(course.db, 2_000);
    await course.db.raw(`insert into lesson_files (lesson_id, file_id, role) select ?, gen_random_uuid(), 'attachment' from generate_series(1, 5000)`, [
      lessonId,
    ]);
    await course.db.raw('analyze lesson_files');
    const planOf = async (sql: string) => JSON.stringify((await course.db.raw(`explain (format json) ${sql}`, [randomUUID()])).rows);
    try {
      const lessons = await planOf('select lesson_id from lesson_files where file_id = ?');
      expect(lessons).toContain('lesson_files_file_idx');
      expect(lessons).not.toContain('"Seq Scan"');
      const thumbnails = await planOf('select id from courses where thumbnail_file_id = ?');
      expect(thumbnails).toContain('courses_thumbnail_file_idx');
      expect(thumbnails).not.toContain('"Seq Scan"');
    } finally {
      await course.db('lesson_files').where({ lesson_id: lessonId }).delete();
    }
  });
});
