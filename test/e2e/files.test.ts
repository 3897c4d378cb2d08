import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { mediaDb, png, runMediaCleanup, upload } from '../support/files.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let admin: { id: string; token: string };
let student: Awaited<ReturnType<typeof newUser>>;
let other: Awaited<ReturnType<typeof newUser>>;
let instructor: Awaited<ReturnType<typeof newInstructor>>;
let db: Knex;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  [student, other, instructor] = await Promise.all([newUser('Uploader'), newUser('Other'), newInstructor(admin, 'Teacher')]);
  db = mediaDb();
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await closeKafka();
});

/** Follows /content's redirect to the signed URL, as a browser or video player does, with an optional Range. */
async function content(fileId: string, token?: string, range?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const redirect = await fetch(`${env.gatewayUrl}/api/files/${fileId}/content`, { headers, redirect: 'manual' });
  if (redirect.status !== 302) return { status: redirect.status, location: null, response: redirect };
  const location = new URL(redirect.headers.get('location')!, env.gatewayUrl);
  const response = await fetch(location, { headers: range ? { range } : {} });
  return { status: redirect.status, location, response };
}

const rowsOf = (ownerId: string) => db('files').where({ owner_id: ownerId }).select('id', 'status');

describe('files', () => {
  it('stores an upload whole: the type sniffed from the bytes, its digest, and file.uploaded without its name', async () => {
    const image = png(40, 30);
    const answer = await upload(student.token, 'avatar', image, { name: 'me at the beach.png', type: 'text/plain' });
    expect(answer.status).toBe(201);
    expect(answer.body.data).toMatchObject({
      name: 'me at the beach.png',
      size: image.length,
      contentType: 'image/png',
      sha256: sha256(image),
      purpose: 'avatar',
      status: 'ready',
      ownerId: student.id,
    });
    const fileId = answer.body.data.id as string;
    const event = await eventually(
      async () => {
        const records = (await readTopic('file.uploaded')).filter((record) => record.key === fileId);
        return records[0] ? decode<Record<string, unknown>>(records[0]) : undefined;
      },
      (found) => found !== undefined,
    );
    expect(event).toMatchObject({ fileId, ownerId: student.id, purpose: 'avatar', contentType: 'image/png', size: image.length, sha256: sha256(image) });
    expect(JSON.stringify(event)).not.toContain('beach');
  });

  it('serves the content by a signed, expiring URL, with Range for seeking, and refuses a forged or expired one', async () => {
    const image = png(64, 64);
    const fileId = (await upload(student.token, 'avatar', image)).body.data.id as string;

    const whole = await content(fileId);
    expect(whole.status).toBe(302);
    expect(whole.response.status).toBe(200);
    expect(whole.response.headers.get('content-type')).toBe('image/png');
    expect(whole.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await whole.response.arrayBuffer())).toEqual(image);

    const part = await content(fileId, undefined, 'bytes=8-23');
    expect(part.response.status).toBe(206);
    expect(part.response.headers.get('content-range')).toBe(`bytes 8-23/${image.length}`);
    expect(Buffer.from(await part.response.arrayBuffer())).toEqual(image.subarray(8, 24));

    const past = await fetch(part.location!, { headers: { range: `bytes=${image.length}-` } });
    expect(past.status).toBe(416);

    const forged = new URL(whole.location!);
    forged.searchParams.set('expires', String(Number(forged.searchParams.get('expires')) + 3600));
    expect((await fetch(forged)).status).toBe(403);
    const expired = new URL(whole.location!);
    expired.searchParams.set('expires', '1000');
    expect((await fetch(expired)).status).toBe(403);
  });

  it('refuses a type the purpose does not take (415), a file over its limit (413), a missing purpose (400) and a role that may not upload it (403), keeping nothing', async () => {
    const before = (await rowsOf(student.id)).length;
    const text = await upload(student.token, 'avatar', Buffer.from('just some text, not an image\n'), { type: 'image/png' });
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', details: { found: 'text/plain' } });

    const huge = Buffer.concat([png(8, 8), Buffer.alloc(6 * 1024 * 1024, 1)]);
    const tooLarge = await upload(student.token, 'avatar', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limit: 5 * 1024 * 1024 } });

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png())]), 'a.png');
    const noPurpose = await fetch(`${env.gatewayUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${student.token}` }, body: form });
    expect(noPurpose.status).toBe(400);
    expect(((await noPurpose.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).toBe('purpose');

    expect((await upload(student.token, 'lesson-video', png())).status).toBe(403);
    expect((await upload(instructor.token, 'submission', png())).status).toBe(403);
    const json = await api('POST', '/api/files', { token: student.token, body: { purpose: 'avatar' } });
    expect(json.status).toBe(415);

    expect((await rowsOf(student.id)).length).toBe(before);
  });

  it('answers a file over its limit while the client is still sending, and reads the rest so the client can finish', async () => {
    const boundary = 'still-sending-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\navatar\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const first = Buffer.concat([head, png(8, 8), Buffer.alloc(6 * 1024 * 1024, 1)]);
    const rest = Buffer.concat([Buffer.alloc(4 * 1024 * 1024, 2), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const agent = new Agent({ keepAlive: true });
    try {
      const outgoing = request(new URL('/api/files', env.gatewayUrl), {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${student.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(first.length + rest.length),
        },
      });
      const failed = new Promise<never>((_resolve, reject) => outgoing.on('error', reject));
      const answered = new Promise<IncomingMessage>((resolve) => outgoing.on('response', resolve));
      outgoing.write(first);
      const answer = await Promise.race([answered, failed]);
      expect(answer.statusCode).toBe(413);
      expect(answer.headers.connection).not.toBe('close');
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      expect(JSON.parse(Buffer.concat(chunks).toString()).error.code).toBe('FILE_TOO_LARGE');

      // The answer came first; the client sends the rest of its body without the connection being cut.
      await Promise.race([new Promise<void>((resolve) => outgoing.end(rest, resolve)), failed]);
      expect(outgoing.destroyed && outgoing.errored).toBeFalsy();
    } finally {
      agent.destroy();
    }
  });

  it('answers a form cut short with 400 UPLOAD_INCOMPLETE, and keeps nothing of an upload whose client went', async () => {
    const before = (await rowsOf(other.id)).length;
    const boundary = 'cut-short-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nsubmission\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="essay.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const cut = Buffer.from(`${head}An essay that never ends`);
    const answer = await fetch(`${env.gatewayUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: cut,
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_INCOMPLETE');

    // A client that goes mid-body: the gateway cuts the call, the media service removes the row it began.
    await new Promise<void>((resolve) => {
      const url = new URL('/api/files', env.gatewayUrl);
      const outgoing = request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10_000_000) },
      });
      outgoing.on('error', () => resolve());
      outgoing.write(head);
      outgoing.write(Buffer.alloc(200_000, 'a'));
      setTimeout(() => {
        outgoing.destroy();
        resolve();
      }, 500);
    });
    await eventually(
      () => rowsOf(other.id),
      (rows) => rows.length === before,
    );
  });

  it('lets the uploader and admins read a submission, and nobody else', async () => {
    const essay = Buffer.from('My essay on event sourcing.\n');
    const fileId = (await upload(other.token, 'submission', essay, { name: 'essay.txt' })).body.data.id as string;
    expect((await api('GET', `/api/files/${fileId}`, { token: other.token })).status).toBe(200);
    expect((await api('GET', `/api/files/${fileId}`, { token: admin.token })).status).toBe(200);
    expect((await api('GET', `/api/files/${fileId}`, { token: student.token })).status).toBe(404);
    expect((await api('GET', `/api/files/${fileId}`)).status).toBe(404);
    expect((await content(fileId, student.token)).status).toBe(404);
    const own = await content(fileId, other.token);
    expect(own.response.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''essay.txt");
    expect(Buffer.from(await own.response.arrayBuffer()).toString()).toBe(essay.toString());
  });

  it('deletes for the uploader or an admin only; the content goes with the cleanup job, after file.deleted', async () => {
    const fileId = (await upload(student.token, 'avatar', png(5, 5))).body.data.id as string;
    const link = (await content(fileId)).location!;
    expect((await api('DELETE', `/api/files/${fileId}`, { token: other.token })).status).toBe(403);
    expect((await api('DELETE', `/api/files/${fileId}`, { token: student.token })).status).toBe(204);
    expect((await api('DELETE', `/api/files/${fileId}`, { token: student.token })).status).toBe(404);
    expect((await api('GET', `/api/files/${fileId}`, { token: student.token })).status).toBe(404);
    expect((await fetch(link)).status).toBe(404);
    const deleted = await eventually(
      async () => (await readTopic('file.deleted')).filter((record) => record.key === fileId),
      (records) => records.length === 1,
    );
    expect(await decode(deleted[0]!)).toMatchObject({ fileId, by: student.id, reason: 'deleted', purpose: 'avatar' });

    await runMediaCleanup();
    await eventually(
      () => db('files').where({ id: fileId }).first(),
      (row: { content_removed_at: Date | null }) => row.content_removed_at !== null,
      30_000,
    );
  });

  it("makes an image's preview, and a video's duration, size and poster frame", async () => {
    const image = png(800, 600);
    const imageId = (await upload(student.token, 'avatar', image)).body.data.id as string;
    const withPreview = await eventually(
      () => api('GET', `/api/files/${imageId}`, { token: student.token }),
      (answer) => answer.body.data.rendition !== null,
      30_000,
    );
    expect(withPreview.body.data.rendition).toEqual({
      width: 800,
      height: 600,
      durationSeconds: null,
      preview: { width: 512, height: 384, contentType: 'image/webp' },
    });
    const redirect = await fetch(`${env.gatewayUrl}/api/files/${imageId}/content?variant=preview`, { redirect: 'manual' });
    const preview = Buffer.from(await (await fetch(new URL(redirect.headers.get('location')!, env.gatewayUrl))).arrayBuffer());
    expect(preview.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(preview.subarray(8, 12).toString('latin1')).toBe('WEBP');

    // A real three-second WebM, made by ffmpeg (what the scripts install for the media service).
    const dir = mkdtempSync(path.join(tmpdir(), 'video-'));
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=3:size=320x240:rate=10',
      '-c:v',
      'libvpx',
      '-b:v',
      '200k',
      path.join(dir, 'clip.webm'),
    ]);
    expect(made.status).toBe(0);
    const video = readFileSync(path.join(dir, 'clip.webm'));
    rmSync(dir, { recursive: true, force: true });
    const videoId = (await upload(instructor.token, 'lesson-video', video, { name: 'clip.webm' })).body.data.id as string;
    const withPoster = await eventually(
      () => api('GET', `/api/files/${videoId}`, { token: instructor.token }),
      (answer) => answer.body.data.rendition !== null,
      30_000,
    );
    expect(withPoster.body.data.contentType).toBe('video/webm');
    expect(withPoster.body.data.rendition).toMatchObject({ width: 320, height: 240, preview: { width: 320, height: 240, contentType: 'image/webp' } });
    expect(withPoster.body.data.rendition.durationSeconds).toBeCloseTo(3, 0);
  }, 60_000);

  it("deletes an erased person's avatar and submissions, and keeps what an instructor taught", async () => {
    const leaving = await newUser('Leaving');
    const avatar = (await upload(leaving.token, 'avatar', png())).body.data.id as string;
    const essay = (await upload(leaving.token, 'submission', Buffer.from('work\n'))).body.data.id as string;
    const lessonFile = (await upload(instructor.token, 'lesson-attachment', Buffer.from('%PDF-1.4\n%%EOF\n'))).body.data.id as string;
    expect((await api('DELETE', `/api/admin/users/${leaving.id}`, { token: admin.token })).status).toBeLessThan(300);
    await eventually(
      () => db('files').whereIn('id', [avatar, essay]).select('status'),
      (rows: Array<{ status: string }>) => rows.length === 2 && rows.every((row) => row.status === 'deleted'),
      30_000,
    );
    expect((await api('GET', `/api/files/${lessonFile}`, { token: instructor.token })).body.data.status).toBe('ready');
  });
});
