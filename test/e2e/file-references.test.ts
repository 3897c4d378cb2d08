import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { processSpec } from '@smartcourse/contracts';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, produceRaw, readTopic, registry } from '../support/kafka.js';
import { upload, png } from '../support/files.js';
import { enroll } from '../support/learning.js';
import { operationsHeaders } from '../support/operations.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'FileAuthor');
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

/** The start of an MP4 (an `ftyp` box and an empty one): what the media service sniffs as video/mp4. */
const mp4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('free'),
]);

/** A ready upload of the caller through the gateway, for a purpose; its id. */
async function fileFor(token: string, purpose: 'course-thumbnail' | 'avatar' | 'lesson-video' | 'lesson-attachment') {
  const uploaded =
    purpose === 'lesson-video' ? await upload(token, purpose, mp4, { name: 'clip.mp4', type: 'video/mp4' }) : await upload(token, purpose, png());
  expect(uploaded.status).toBe(201);
  return uploaded.body.data.id as string;
}

/** The course service's answer to the media service: may this actor (or nobody signed in) read the file? */
async function readable(fileId: string, actor?: { id: string; role: string }) {
  const answer = await fetch(`http://127.0.0.1:${processSpec('course').port}/internal/files/${fileId}/access`, {
    headers: { ...operationsHeaders(), ...(actor ? { 'x-actor-id': actor.id, 'x-actor-role': actor.role } : {}) },
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { data: { readable: boolean } }).data.readable;
}

/** The status of a file's content link (a redirect to the signed URL when readable), without following it. */
const contentStatus = async (fileId: string, token?: string) =>
  (await fetch(`${env.gatewayUrl}/api/files/${fileId}/content`, { redirect: 'manual', headers: token ? { authorization: `Bearer ${token}` } : {} })).status;

const courseRequest = (fields: Record<string, unknown> = {}) => ({
  title: `Ceramics ${randomUUID().slice(0, 8)}`,
  summary: 'Throwing, trimming and glazing.',
  level: 'beginner',
  language: 'en',
  priceCents: 0,
  currency: 'EUR',
  ...fields,
});

describe('file ids in courses and lessons', () => {
  it('sets, reads, replaces and clears a course thumbnail file, beside the thumbnail URL', async () => {
    const [first, second] = [await fileFor(instructor.token, 'course-thumbnail'), await fileFor(instructor.token, 'course-thumbnail')];
    const created = await api('POST', '/api/courses', {
      token: instructor.token,
      body: courseRequest({ thumbnailFileId: first, thumbnailUrl: 'https://img.example.test/cup.png' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ thumbnailFileId: first, thumbnailUrl: 'https://img.example.test/cup.png' });
    const courseId = created.body.data.id as string;

    const replaced = await api('PATCH', `/api/courses/${courseId}`, { token: instructor.token, body: { thumbnailFileId: second } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.thumbnailFileId).toBe(second);
    expect((await api('GET', `/api/courses/${courseId}`, { token: instructor.token })).body.data.thumbnailFileId).toBe(second);

    const cleared = await api('PATCH', `/api/courses/${courseId}`, { token: instructor.token, body: { thumbnailFileId: null } });
    expect(cleared.body.data).toMatchObject({ thumbnailFileId: null, thumbnailUrl: 'https://img.example.test/cup.png' });

    const refused = await api('PATCH', `/api/courses/${courseId}`, { token: instructor.token, body: { thumbnailFileId: 'cup.png' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ path: 'thumbnailFileId' })] });
  });

  it("writes a lesson's video, attachments and links, reads them back, and replaces them with a new body", async () => {
    const course = await api('POST', '/api/courses', { token: instructor.token, body: courseRequest() });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'Wheel' } })).body.data.id;
    const video = await fileFor(instructor.token, 'lesson-video');
    const [glazes, kiln] = [await fileFor(instructor.token, 'lesson-attachment'), await fileFor(instructor.token, 'lesson-attachment')];
    const added = await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
      token: instructor.token,
      body: {
        title: 'Centring',
        kind: 'video',
        durationMinutes: 8,
        body: {
          markdown: 'Brace your elbows.',
          videoFileId: video,
          attachmentFileIds: [glazes, kiln, glazes],
          links: [{ title: 'Further reading', url: 'https://example.test/centring' }, { url: 'https://example.test/wedging' }],
        },
      },
    });
    expect(added.status).toBe(201);
    const lessonId = added.body.data.id as string;
    const expected = {
      markdown: 'Brace your elbows.',
      videoUrl: null,
      videoFileId: video,
      attachmentFileIds: [glazes, kiln],
      links: [{ title: 'Further reading', url: 'https://example.test/centring' }, { url: 'https://example.test/wedging' }],
    };
    expect(added.body.data.body).toEqual(expected);
    expect((await api('GET', `/api/lessons/${lessonId}`, { token: instructor.token })).body.data.body).toEqual(expected);

    const changed = await api('PATCH', `/api/lessons/${lessonId}`, { token: instructor.token, body: { body: { attachmentFileIds: [kiln] } } });
    expect(changed.status).toBe(200);
    expect(changed.body.data.body).toEqual({ markdown: null, videoUrl: null, videoFileId: null, attachmentFileIds: [kiln], links: [] });

    const refused = await api('PATCH', `/api/lessons/${lessonId}`, {
      token: instructor.token,
      body: { body: { videoFileId: 'clip.mp4', attachments: [{ name: 'a', url: 'https://example.test/a' }] } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('a command written before file ids', () => {
  it('adds a lesson from an AddLesson of the first schema version, its URL attachments kept as links', async () => {
    const course = await api('POST', '/api/courses', { token: instructor.token, body: courseRequest() });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'Kiln' } })).body.data.id;
    const [commandId, lessonId] = [randomUUID(), randomUUID()];
    // Encoded with version 1 of the schema, as a producer that predates file ids wrote it.
    const firstVersion = await registry.getRegistryId('course.commands-smartcourse.commands.course.AddLesson', 1);
    const value = await registry.encode(firstVersion, {
      commandId,
      issuedAt: Date.now(),
      actor: { userId: instructor.id, role: 'instructor' },
      courseId,
      moduleId,
      lessonId,
      title: 'Firing',
      kind: 'theory',
      durationMinutes: 7,
      isPreview: false,
      required: true,
      body: {
        markdown: 'Cone 6.',
        videoUrl: null,
        attachments: [{ name: 'firing-schedule.pdf', url: 'https://files.example.test/firing.pdf', sizeBytes: 1024, contentType: 'application/pdf' }],
      },
    });
    const headers = { ce_id: commandId, ce_type: 'smartcourse.course.commands.AddLesson', ce_subject: courseId, correlation_id: commandId };
    await produceRaw('course.commands', [{ key: courseId, value, headers }]);
    const results = await eventually(
      async () => (await readTopic('command.results')).filter((record) => record.key === commandId),
      (found) => found.length > 0,
      30_000,
    );
    expect(await decode<Record<string, unknown>>(results[0]!)).toMatchObject({ status: 'succeeded' });
    const lesson = await api('GET', `/api/lessons/${lessonId}`, { token: instructor.token });
    expect(lesson.body.data.body).toEqual({
      markdown: 'Cone 6.',
      videoUrl: null,
      videoFileId: null,
      attachmentFileIds: [],
      links: [{ title: 'firing-schedule.pdf', url: 'https://files.example.test/firing.pdf', sizeBytes: 1024, contentType: 'application/pdf' }],
    });
  });
});

describe('who may read the files of a course', () => {
  it('lets the instructor and admins read a draft course files; once published, enrolled students its lessons and anyone its thumbnail', async () => {
    const thumbnail = await fileFor(instructor.token, 'course-thumbnail');
    const video = await fileFor(instructor.token, 'lesson-video');
    const sheet = await fileFor(instructor.token, 'lesson-attachment');
    const course = await api('POST', '/api/courses', { token: instructor.token, body: courseRequest({ thumbnailFileId: thumbnail }) });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'Glaze' } })).body.data.id;
    const lesson = await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
      token: instructor.token,
      body: { title: 'Dipping', kind: 'video', durationMinutes: 6, body: { videoFileId: video, attachmentFileIds: [sheet] } },
    });
    expect(lesson.status).toBe(201);

    const teacher = { id: instructor.id, role: 'instructor' };
    const root = { id: admin.id, role: 'admin' };
    const [enrolledStudent, otherStudent] = [await newUser('FileStudent'), await newUser('FileOutsider')];
    const enrolled = { id: enrolledStudent.id, role: 'student' };
    const outsider = { id: otherStudent.id, role: 'student' };

    // A draft: its instructor and admins only.
    for (const fileId of [thumbnail, video, sheet]) {
      expect(await readable(fileId, teacher)).toBe(true);
      expect(await readable(fileId, root)).toBe(true);
      expect(await readable(fileId, outsider)).toBe(false);
      expect(await readable(fileId)).toBe(false);
    }

    expect((await api('POST', `/api/courses/${courseId}/publish`, { token: instructor.token })).status).toBe(200);
    expect((await enroll(enrolledStudent.token, courseId)).status).toBe(201);
    // The course service learns of the enrollment from its event.
    expect(
      await eventually(
        () => readable(video, enrolled),
        (answer) => answer,
        20_000,
      ),
    ).toBe(true);
    expect(await readable(sheet, enrolled)).toBe(true);
    expect(await readable(video, outsider)).toBe(false);
    expect(await readable(sheet)).toBe(false);
    expect(await readable(thumbnail)).toBe(true);
    expect(await readable(thumbnail, outsider)).toBe(true);
    expect(await readable(video, teacher)).toBe(true);
    expect(await readable(randomUUID(), root)).toBe(false);

    // Through the media service, which asks the course service for a lesson's files.
    expect((await api('GET', `/api/files/${sheet}`, { token: enrolledStudent.token })).status).toBe(200);
    expect(await contentStatus(video, enrolledStudent.token)).toBe(302);
    expect((await api('GET', `/api/files/${sheet}`, { token: otherStudent.token })).status).toBe(404);
    expect(await contentStatus(video)).toBe(404);
  });
});

describe('file ids checked at the edge', () => {
  it("refuses someone else's file, a file of another purpose and an unknown id with 422 FILE_NOT_USABLE; an admin may use anyone's", async () => {
    const rival = await newInstructor(admin, 'FileRival');
    const theirs = await fileFor(rival.token, 'course-thumbnail');
    const unknown = randomUUID();
    const created = await api('POST', '/api/courses', { token: instructor.token, body: courseRequest({ thumbnailFileId: theirs }) });
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({ code: 'FILE_NOT_USABLE', details: [{ field: 'thumbnailFileId', fileId: theirs, reason: 'not-yours' }] });

    const course = await api('POST', '/api/courses', { token: instructor.token, body: courseRequest() });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'Edge' } })).body.data.id;
    const thumbnail = await fileFor(instructor.token, 'course-thumbnail');
    const lesson = await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
      token: instructor.token,
      body: { title: 'Trimming', kind: 'video', durationMinutes: 4, body: { videoFileId: thumbnail, attachmentFileIds: [unknown] } },
    });
    expect(lesson.status).toBe(422);
    expect(lesson.body.error.details).toEqual([
      { field: 'body.videoFileId', fileId: thumbnail, reason: 'wrong-purpose' },
      { field: 'body.attachmentFileIds', fileId: unknown, reason: 'not-found' },
    ]);
    const outline = await api('GET', `/api/courses/${courseId}`, { token: instructor.token });
    expect(outline.body.data.modules[0].lessons).toEqual([]);

    const byAdmin = await api('PATCH', `/api/courses/${courseId}`, { token: admin.token, body: { thumbnailFileId: theirs } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data.thumbnailFileId).toBe(theirs);

    const me = await newUser('AvatarThief');
    const avatar = await api('PATCH', '/api/users/me', { token: me.token, body: { avatarFileId: await fileFor(rival.token, 'avatar') } });
    expect(avatar.status).toBe(422);
    expect(avatar.body.error.details).toEqual([expect.objectContaining({ field: 'avatarFileId', reason: 'not-yours' })]);
  });
});

describe('an avatar file on a profile', () => {
  it('sets, reads and removes my avatar', async () => {
    const me = await newUser('Avatar');
    const avatar = await fileFor(me.token, 'avatar');
    const set = await api('PATCH', '/api/users/me', { token: me.token, body: { avatarFileId: avatar } });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ avatarFileId: avatar, fullName: 'Test Avatar' });
    expect((await api('GET', '/api/users/me', { token: me.token })).body.data.avatarFileId).toBe(avatar);

    const renamed = await api('PATCH', '/api/users/me', { token: me.token, body: { fullName: 'Ava Tar' } });
    expect(renamed.body.data).toMatchObject({ avatarFileId: avatar, fullName: 'Ava Tar' });
    const removed = await api('PATCH', '/api/users/me', { token: me.token, body: { avatarFileId: null } });
    expect(removed.body.data.avatarFileId).toBeNull();

    const refused = await api('PATCH', '/api/users/me', { token: me.token, body: { avatarFileId: 'me.png' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ path: 'avatarFileId' })] });
  });
});
