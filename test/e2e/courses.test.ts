import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enroll } from '../support/enrollments.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'Author');
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

const courseBody = (title: string) => ({
  title,
  summary: 'Sourdough from starter to loaf, one fold at a time.',
  category: 'Cooking',
  tags: ['bread', 'Baking'],
  level: 'beginner',
  language: 'en',
  priceCents: 0,
  currency: 'eur',
});

async function draft(token: string, title = `Bread ${randomUUID().slice(0, 8)}`) {
  const created = await api('POST', '/api/courses', { token, body: courseBody(title) });
  expect(created.status).toBe(201);
  return created.body.data as { id: string; slug: string };
}

async function addModule(token: string, courseId: string, title: string) {
  const created = await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title } });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

async function addLesson(token: string, courseId: string, moduleId: string, lesson: Record<string, unknown>) {
  const created = await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, { token, body: lesson });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

describe("an instructor's authoring flow", () => {
  it('creates a draft, builds its outline, publishes it, and the catalog and events show it', async () => {
    const title = `Sourdough Basics ${randomUUID().slice(0, 8)}`;
    const course = await draft(instructor.token, title);
    expect(course).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      tags: ['bread', 'baking'],
      category: 'cooking',
      isFree: true,
      instructor: { id: instructor.id },
    });
    expect(course.slug).toBe(title.toLowerCase().replace(/ /g, '-'));

    const starter = await addModule(instructor.token, course.id, 'The starter');
    const baking = await addModule(instructor.token, course.id, 'Baking');
    const feed = await addLesson(instructor.token, course.id, starter, {
      title: 'Feeding the starter',
      kind: 'theory',
      durationMinutes: 12,
      isPreview: true,
      body: {
        markdown: '# Feed it\nFlour and water, **every day**.',
        links: [{ title: 'schedule.pdf', url: 'https://files.example.test/schedule.pdf', sizeBytes: 2048 }],
      },
    });
    const video = await addLesson(instructor.token, course.id, starter, {
      title: 'Watch it bubble',
      kind: 'video',
      durationMinutes: 5,
      body: { videoUrl: 'https://video.example.test/bubbles' },
    });
    const shape = await addLesson(instructor.token, course.id, baking, { title: 'Shaping', kind: 'practice', durationMinutes: 30, required: false });

    const lessonOrder = await api('PUT', `/api/courses/${course.id}/modules/${starter}/lessons/order`, {
      token: instructor.token,
      body: { lessonIds: [video, feed] },
    });
    expect(lessonOrder.status).toBe(200);
    expect(lessonOrder.body.data.lessons.map((lesson: { id: string }) => lesson.id)).toEqual([video, feed]);
    const moduleOrder = await api('PUT', `/api/courses/${course.id}/modules/order`, { token: instructor.token, body: { moduleIds: [baking, starter] } });
    expect(moduleOrder.body.data.map((module: { id: string; position: number }) => [module.id, module.position])).toEqual([
      [baking, 1],
      [starter, 2],
    ]);

    const patched = await api('PATCH', `/api/courses/${course.id}`, {
      token: instructor.token,
      body: { priceCents: 0, summary: 'Sourdough, from starter to a crusty loaf.', category: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ summary: 'Sourdough, from starter to a crusty loaf.', category: null });

    const published = await api('POST', `/api/courses/${course.id}/publish`, { token: instructor.token });
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({ status: 'published', structureVersion: 1 });
    expect(published.body.data.modules[1].lessons.map((lesson: { id: string }) => lesson.id)).toEqual([video, feed]);

    const found = await api('GET', `/api/courses?q=${encodeURIComponent('crusty loaf')}`);
    expect(found.status).toBe(200);
    expect(found.body.data.map((entry: { id: string }) => entry.id)).toContain(course.id);
    expect(found.body.data.find((entry: { id: string }) => entry.id === course.id)).toMatchObject({
      lessonCount: 3,
      durationMinutes: 47,
      instructor: { fullName: instructor.fullName },
    });

    // A change after publication announces the whole outline with a higher version.
    expect((await api('DELETE', `/api/lessons/${shape}`, { token: instructor.token })).status).toBe(204);
    const structures = await eventually(
      async () =>
        await Promise.all(
          (await readTopic('course.structure_changed'))
            .filter((r) => r.key === course.id)
            .map((r) => decode<{ structureVersion: number; modules: Array<{ moduleId: string; lessons: Array<{ lessonId: string }> }> }>(r)),
        ),
      (events) => events.length >= 2,
    );
    expect(structures.map((event) => event.structureVersion)).toEqual([1, 2]);
    expect(structures[1]!.modules.map((module) => [module.moduleId, module.lessons.map((lesson) => lesson.lessonId)])).toEqual([
      [baking, []],
      [starter, [video, feed]],
    ]);
    const publishedEvents = await Promise.all((await readTopic('course.published')).filter((r) => r.key === course.id).map((r) => decode(r)));
    expect(publishedEvents).toEqual([
      expect.objectContaining({ courseId: course.id, instructorId: instructor.id, title, priceCents: 0, currency: 'EUR', structureVersion: 1 }),
    ]);
  });

  it('refuses to publish an empty course, and deletes only a draft never published', async () => {
    const course = await draft(instructor.token);
    const refused = await api('POST', `/api/courses/${course.id}/publish`, { token: instructor.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COURSE_NOT_PUBLISHABLE');
    const module = await addModule(instructor.token, course.id, 'Only');
    const quiz = await addLesson(instructor.token, course.id, module, { title: 'Check', kind: 'quiz', durationMinutes: 5 });
    const noQuiz = await api('POST', `/api/courses/${course.id}/publish`, { token: instructor.token });
    expect(noQuiz.body.error).toMatchObject({ code: 'COURSE_NOT_PUBLISHABLE', details: { lessonIds: [quiz] } });

    const other = await draft(instructor.token);
    const otherModule = await addModule(instructor.token, other.id, 'One');
    await addLesson(instructor.token, other.id, otherModule, { title: 'Read', kind: 'theory', durationMinutes: 1 });
    expect((await api('POST', `/api/courses/${other.id}/publish`, { token: instructor.token })).status).toBe(200);
    const notDeletable = await api('DELETE', `/api/courses/${other.id}`, { token: instructor.token });
    expect(notDeletable.body.error.code).toBe('COURSE_NOT_DELETABLE');
    expect((await api('POST', `/api/courses/${other.id}/archive`, { token: instructor.token })).body.data.status).toBe('archived');
    expect((await api('PATCH', `/api/courses/${other.id}`, { token: instructor.token, body: { title: 'Too late' } })).body.error.code).toBe('COURSE_ARCHIVED');

    expect((await api('DELETE', `/api/courses/${course.id}`, { token: instructor.token })).status).toBe(204);
    expect((await api('GET', `/api/courses/${course.id}`, { token: instructor.token })).status).toBe(404);
  });

  it("keeps other instructors and students out: a draft is 404 to them, someone else's published course 403", async () => {
    const course = await draft(instructor.token);
    const rival = await newInstructor(admin, 'Rival');
    const student = await newUser('Student');
    expect((await api('GET', `/api/courses/${course.id}`, { token: rival.token })).status).toBe(404);
    expect((await api('GET', `/api/courses/${course.id}`)).status).toBe(404);
    expect((await api('GET', `/api/courses/${course.id}`, { token: student.token })).status).toBe(404);
    expect((await api('PATCH', `/api/courses/${course.id}`, { token: rival.token, body: { title: 'Mine now' } })).body.error.code).toBe('COURSE_NOT_FOUND');
    expect((await api('GET', `/api/courses/${course.id}`, { token: admin.token })).status).toBe(200);
    expect((await api('POST', '/api/courses', { token: student.token, body: courseBody('Student course') })).status).toBe(403);

    const module = await addModule(instructor.token, course.id, 'M');
    await addLesson(instructor.token, course.id, module, { title: 'L', kind: 'theory', durationMinutes: 1 });
    await api('POST', `/api/courses/${course.id}/publish`, { token: instructor.token });
    const forbidden = await api('PATCH', `/api/courses/${course.id}`, { token: rival.token, body: { title: 'Mine now' } });
    expect(forbidden.status).toBe(403);
    const mine = await api('GET', '/api/instructors/me/courses', { token: rival.token });
    expect(mine.body.meta.total).toBe(0);
  });

  it('answers bad input with 400 and field details', async () => {
    const tooLong = await api('POST', '/api/courses', {
      token: instructor.token,
      body: { ...courseBody('x'.repeat(201)), priceCents: -1, currency: 'XYZ', language: '!!' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.map((issue: { path: string }) => issue.path).sort()).toEqual(['currency', 'language', 'priceCents', 'title']);
    const course = await draft(instructor.token);
    const module = await addModule(instructor.token, course.id, 'A');
    const lesson = await addLesson(instructor.token, course.id, module, { title: 'One', kind: 'theory', durationMinutes: 1 });
    const otherCourse = await draft(instructor.token);
    const otherModule = await addModule(instructor.token, otherCourse.id, 'B');
    const foreign = await addLesson(instructor.token, otherCourse.id, otherModule, { title: 'Elsewhere', kind: 'theory', durationMinutes: 1 });
    const mixed = await api('PUT', `/api/courses/${course.id}/modules/${module}/lessons/order`, {
      token: instructor.token,
      body: { lessonIds: [lesson, foreign] },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({ code: 'ORDER_MISMATCH', details: { unknown: [foreign], missing: [], repeated: [] } });
    const short = await api('PUT', `/api/courses/${course.id}/modules/order`, { token: instructor.token, body: { moduleIds: [module, module] } });
    expect(short.body.error).toMatchObject({ code: 'ORDER_MISMATCH', details: { repeated: [module] } });
    expect((await api('GET', `/api/courses/${randomUUID()}`)).body.error.code).toBe('COURSE_NOT_FOUND');
    for (const method of ['PATCH', 'DELETE'] as const) {
      const unknownLesson = await api(method, `/api/lessons/${randomUUID()}`, {
        token: admin.token,
        body: method === 'PATCH' ? { title: 'Nowhere' } : undefined,
      });
      expect([unknownLesson.status, unknownLesson.body.error.code]).toEqual([404, 'LESSON_NOT_FOUND']);
    }
    expect((await api('GET', '/api/courses/not-a-uuid')).status).toBe(400);
    expect((await api('GET', '/api/courses?level=expert&per_page=500')).status).toBe(400);
  });
});

describe("a student's view", () => {
  it('browses the catalog and the outline, reads a preview, and reads the rest only once enrolled', async () => {
    const course = await draft(instructor.token, `Knife Skills ${randomUUID().slice(0, 8)}`);
    const module = await addModule(instructor.token, course.id, 'Basics');
    const preview = await addLesson(instructor.token, course.id, module, {
      title: 'Holding the knife',
      kind: 'video',
      durationMinutes: 3,
      isPreview: true,
      body: { videoUrl: 'https://video.example.test/grip' },
    });
    const locked = await addLesson(instructor.token, course.id, module, {
      title: 'The claw',
      kind: 'theory',
      durationMinutes: 8,
      body: { markdown: 'Curl your fingers.' },
    });
    // Not published yet: even a preview is not shown.
    expect((await api('GET', `/api/lessons/${preview}`)).status).toBe(404);
    await api('POST', `/api/courses/${course.id}/publish`, { token: instructor.token });

    const student = await newUser('Learner');
    const outline = await api('GET', `/api/courses/${course.id}`);
    expect(outline.body.data.modules[0].lessons).toEqual([
      expect.objectContaining({ id: preview, isPreview: true, kind: 'video' }),
      expect.objectContaining({ id: locked, isPreview: false, required: true }),
    ]);
    expect(JSON.stringify(outline.body.data)).not.toContain('Curl your fingers');
    expect((await api('GET', `/api/lessons/${preview}`)).body.data.body.videoUrl).toBe('https://video.example.test/grip');
    const refused = await api('GET', `/api/lessons/${locked}`, { token: student.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ENROLLMENT_REQUIRED');

    await enroll(student.id, course.id);
    const body = await eventually(
      () => api('GET', `/api/lessons/${locked}`, { token: student.token }),
      (answer) => answer.status === 200,
    );
    expect(body.body.data.body).toEqual({ markdown: 'Curl your fingers.', videoUrl: null, videoFileId: null, attachmentFileIds: [], links: [] });
    expect((await api('GET', `/api/lessons/${locked}`, { token: (await newUser('Stranger')).token })).status).toBe(403);
  });

  it('filters, sorts and pages the catalog', async () => {
    const tag = `tag${randomUUID().slice(0, 8)}`;
    const titles = ['Zebra care', 'Aardvark care', 'Meerkat care'];
    for (const [index, title] of titles.entries()) {
      const created = await api('POST', '/api/courses', {
        token: instructor.token,
        body: { ...courseBody(title), tags: [tag], priceCents: index * 1000, level: index === 2 ? 'advanced' : 'beginner' },
      });
      const module = await addModule(instructor.token, created.body.data.id, 'M');
      await addLesson(instructor.token, created.body.data.id, module, { title: 'L', kind: 'theory', durationMinutes: 1 });
      await api('POST', `/api/courses/${created.body.data.id}/publish`, { token: instructor.token });
    }
    const byTitle = await api('GET', `/api/courses?tag=${tag}&sort=title&per_page=2`);
    expect(byTitle.body.meta).toEqual({ page: 1, per_page: 2, total: 3, pages: 2 });
    expect(byTitle.body.data.map((entry: { title: string }) => entry.title)).toEqual(['Aardvark care', 'Meerkat care']);
    const second = await api('GET', `/api/courses?tag=${tag}&sort=title&per_page=2&page=2`);
    expect(second.body.data.map((entry: { title: string }) => entry.title)).toEqual(['Zebra care']);
    const paid = await api('GET', `/api/courses?tag=${tag}&free=false&sort=price`);
    expect(paid.body.data.map((entry: { priceCents: number }) => entry.priceCents)).toEqual([1000, 2000]);
    const advanced = await api('GET', `/api/courses?tag=${tag}&level=advanced&instructorId=${instructor.id}`);
    expect(advanced.body.data.map((entry: { title: string }) => entry.title)).toEqual(['Meerkat care']);
  });
});
