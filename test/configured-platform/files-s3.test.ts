import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { s3ObjectStore, type Knex } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { mediaDb, png, runMediaCleanup, upload } from '../support/files.js';
import { newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';

/** The media service on the S3-compatible server the scripts start (versitygw), under a prefix of its own. */
const prefix = 'media-test/';
const s3Settings = {
  MEDIA_STORE: 's3',
  MEDIA_S3_URL: env.s3.endpoint,
  MEDIA_S3_BUCKET: env.s3.bucket,
  MEDIA_S3_PREFIX: prefix,
  MEDIA_S3_ACCESS_KEY_ID: env.s3.accessKeyId,
  MEDIA_S3_SECRET_ACCESS_KEY: env.s3.secretAccessKey,
  MEDIA_ABANDONED_UPLOAD_SECONDS: '2',
};
const platform = usePlatform({ env: { media: s3Settings } });
const bucket = s3ObjectStore({ ...env.s3, region: 'us-east-1', prefix });

let student: Awaited<ReturnType<typeof newUser>>;
let db: Knex;
beforeAll(async () => {
  student = await newUser('S3Uploader');
  db = mediaDb();
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await closeKafka();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const rowsOf = (ownerId: string) => db('files').where({ owner_id: ownerId }).select('id', 'status', 'storage_key');
const link = (fileId: string) =>
  fetch(`${env.gatewayUrl}/api/files/${fileId}/content`, { headers: { authorization: `Bearer ${student.token}` }, redirect: 'manual' });

describe('files in an S3-compatible store', () => {
  it('stores the upload in the bucket and redirects to a presigned URL that serves it, Range included', async () => {
    const image = png(32, 16);
    const answer = await upload(student.token, 'avatar', image);
    expect(answer.status).toBe(201);
    const fileId = answer.body.data.id as string;
    expect(await bucket.stat(`files/${fileId}`)).toEqual({ size: image.length });

    const redirect = await link(fileId);
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.origin).toBe(new URL(env.s3.endpoint).origin);
    expect(location.searchParams.get('X-Amz-Signature')).toBeTruthy();
    const whole = await fetch(location);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/png');
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(sha256(image));
    const part = await fetch(location, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(image.subarray(0, 8));
  });

  it('answers 503 while the store refuses connections, for an upload (storing nothing) and for a download, and works again after', async () => {
    const kept = (await upload(student.token, 'avatar', png(3, 3))).body.data.id as string;
    const before = (await rowsOf(student.id)).length;
    // The store's address now leads nowhere: every connection is refused, as when the server is down.
    await platform.restart('media', { ...s3Settings, MEDIA_S3_URL: 'http://127.0.0.1:9' });

    const refused = await upload(student.token, 'avatar', png(6, 6));
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await rowsOf(student.id)).length).toBe(before);
    const download = await link(kept);
    expect(download.status).toBe(503);

    await platform.restart('media', s3Settings);
    expect((await upload(student.token, 'avatar', png(7, 7))).status).toBe(201);
    expect((await link(kept)).status).toBe(302);
  }, 90_000);

  it('leaves, after a kill -9 mid-upload, a row the cleanup job removes with any bytes: no row without content, no content without a row', async () => {
    const boundary = 'killed-upload';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nsubmission\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const outgoing = request(new URL('/api/files', env.gatewayUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${student.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(50_000_000) },
    });
    outgoing.on('error', () => undefined);
    outgoing.write(head);
    outgoing.write(Buffer.alloc(12 * 1024 * 1024, 'a'));
    const [begun] = await eventually(
      () => db('files').where({ owner_id: student.id, status: 'uploading' }).select('id', 'storage_key'),
      (rows: Array<{ id: string }>) => rows.length === 1,
      20_000,
    );
    await platform.process('media').kill();
    outgoing.destroy();
    await platform.restart('media');

    expect(await db('files').where({ id: begun!.id }).first()).toMatchObject({ status: 'uploading' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await runMediaCleanup();
    await eventually(
      () => db('files').where({ id: begun!.id }).first(),
      (row) => row === undefined,
      30_000,
    );
    expect(await bucket.stat(`files/${begun!.id}`)).toBeUndefined();
    // Every row left is whole, and its bytes are in the bucket.
    for (const row of await rowsOf(student.id)) {
      expect(row.status).not.toBe('uploading');
      if (row.status === 'ready') expect(await bucket.stat(row.storage_key)).toBeDefined();
    }
  }, 120_000);
});
