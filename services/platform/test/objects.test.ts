import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from '@jest/globals';
import { directoryObjectStore, ObjectTooLargeError, RangeNotSatisfiableError, s3ObjectStore, type ObjectStore } from '@smartcourse/platform';
import { env } from '../../../test/support/env.js';

/** A body that arrives in chunks of 64 KiB, as an upload does. */
const chunked = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
    })(),
  );

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const directory = mkdtempSync(path.join(tmpdir(), 'objects-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Both stores, the S3 one against the real S3-compatible server the scripts start, each under a prefix of its own. */
const stores: Array<[string, ObjectStore]> = [
  ['a directory', directoryObjectStore(directory)],
  ['an S3-compatible bucket (versitygw)', s3ObjectStore({ ...env.s3, region: 'us-east-1', prefix: `test-${randomUUID()}/` })],
];

describe.each(stores)('the object store in %s', (_name, store) => {
  it('streams an object in and out whole, with its size and SHA-256', async () => {
    const bytes = randomBytes(9 * 1024 * 1024 + 17); // more than one S3 part
    const key = `files/${randomUUID()}`;
    expect(await store.put(key, chunked(bytes), { contentType: 'application/octet-stream', maxBytes: 20 * 1024 * 1024 })).toEqual({
      size: bytes.length,
      sha256: sha256(bytes),
    });
    expect(await store.stat(key)).toEqual({ size: bytes.length });
    const whole = await store.get(key);
    expect(whole).toMatchObject({ size: bytes.length, range: { start: 0, end: bytes.length - 1 } });
    expect(sha256(await buffer(whole!.body))).toBe(sha256(bytes));
  });

  it('serves a byte range, clipped to the end, and refuses one that starts past it', async () => {
    const bytes = Buffer.from('0123456789');
    const key = `files/${randomUUID()}`;
    await store.put(key, chunked(bytes), { contentType: 'text/plain', maxBytes: 100 });
    const middle = await store.get(key, { start: 2, end: 5 });
    expect(middle?.range).toEqual({ start: 2, end: 5 });
    expect((await buffer(middle!.body)).toString()).toBe('2345');
    const tail = await store.get(key, { start: 7 });
    expect((await buffer(tail!.body)).toString()).toBe('789');
    const clipped = await store.get(key, { start: 8, end: 100 });
    expect([clipped?.range, (await buffer(clipped!.body)).toString()]).toEqual([{ start: 8, end: 9 }, '89']);
    await expect(store.get(key, { start: 10 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
  });

  it('keeps nothing of a body past its size limit, and leaves an object it would have replaced as it was', async () => {
    const key = `files/${randomUUID()}`;
    await expect(store.put(key, chunked(randomBytes(300_000)), { contentType: 'image/png', maxBytes: 200_000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await store.stat(key)).toBeUndefined();

    const kept = Buffer.from('the first version');
    await store.put(key, chunked(kept), { contentType: 'text/plain', maxBytes: 100 });
    await expect(store.put(key, chunked(randomBytes(1000)), { contentType: 'text/plain', maxBytes: 100 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect((await buffer((await store.get(key))!.body)).toString()).toBe('the first version');
  });

  it('keeps nothing when the body fails midway (a dropped upload)', async () => {
    const key = `files/${randomUUID()}`;
    const dropped = Readable.from(
      (async function* () {
        yield randomBytes(100_000);
        throw new Error('connection reset');
      })(),
    );
    await expect(store.put(key, dropped, { contentType: 'video/mp4', maxBytes: 1_000_000 })).rejects.toThrow('connection reset');
    expect(await store.stat(key)).toBeUndefined();
  });

  it('answers undefined for a missing object, removes one, and refuses keys that could leave the store', async () => {
    const key = `files/${randomUUID()}`;
    expect(await store.get(key)).toBeUndefined();
    await store.put(key, chunked(Buffer.from('x')), { contentType: 'text/plain', maxBytes: 10 });
    await store.remove(key);
    await store.remove(key);
    expect(await store.stat(key)).toBeUndefined();
    for (const bad of ['../escape', '/absolute', 'files/../../etc', 'Upper', 'a//b', 'a/']) {
      await expect(store.stat(bad)).rejects.toThrow('object key');
    }
  });
});

describe('the directory store on disk', () => {
  it('leaves no temporary file behind after refused or failed writes', () => {
    const leftovers = readdirSync(path.join(directory, 'files')).filter((name) => name.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
  });
});

describe('the S3 store', () => {
  it('creates its bucket when missing, and finds it there the next time', async () => {
    const bucket = `test-${randomUUID()}`;
    const store = s3ObjectStore({ ...env.s3, bucket, region: 'us-east-1' });
    await expect(store.put('files/one', Readable.from([Buffer.from('1')]), { contentType: 'text/plain', maxBytes: 10 })).rejects.toThrow(/bucket/i);
    await store.ensureBucket();
    await store.ensureBucket();
    await store.put('files/one', Readable.from([Buffer.from('1')]), { contentType: 'text/plain', maxBytes: 10 });
    expect(await store.stat('files/one')).toEqual({ size: 1 });
  });

  it('hands out a presigned URL that downloads the object, and a byte range of it, without credentials', async () => {
    const store = s3ObjectStore({ ...env.s3, region: 'us-east-1', prefix: `test-${randomUUID()}/` });
    const key = `files/${randomUUID()}`;
    await store.put(key, chunked(Buffer.from('presigned content')), { contentType: 'text/plain', maxBytes: 100 });
    const url = await store.presignedGetUrl(key, 60, { downloadName: 'notes été.txt' });
    const whole = await fetch(url);
    expect([whole.status, whole.headers.get('content-type'), await whole.text()]).toEqual([200, 'text/plain', 'presigned content']);
    expect(whole.headers.get('content-disposition')).toContain("filename*=UTF-8''notes%20%C3%A9t%C3%A9.txt");
    const part = await fetch(url, { headers: { Range: 'bytes=10-16' } });
    expect([part.status, await part.text()]).toEqual([206, 'content']);
    const tampered = await fetch(url.replace(/X-Amz-Signature=([0-9a-f])/, (_match, first: string) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`));
    expect(tampered.status).toBe(403);
  });
});
