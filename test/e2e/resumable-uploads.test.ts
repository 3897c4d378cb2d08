import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as tus from 'tus-js-client';
import { env } from '../support/env.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A WebM video's first bytes (EBML header, doctype webm), then noise: what the sniffer reads as video/webm. */
function webm(size: number): Buffer {
  const header = Buffer.from([
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65,
    0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
  ]);
  return Buffer.concat([header, randomBytes(size - header.length)]);
}

let instructor: Awaited<ReturnType<typeof newInstructor>>;
let student: Awaited<ReturnType<typeof newUser>>;

usePlatform();
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'Videographer');
  student = await newUser('Watcher');
}, 120_000);
afterAll(() => closeKafka());

/** tus-js-client, the protocol's reference client, against the gateway; resolves with the upload's URL and the last response. */
function tusUpload(
  content: Buffer,
  options: { token: string; metadata: Record<string, string>; uploadUrl?: string; stopAfterBytes?: number },
): Promise<{ url: string; fileId: string | null; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    let fileId: string | null = null;
    const upload = new tus.Upload(content, {
      endpoint: `${env.gatewayUrl}/api/files/uploads`,
      ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
      headers: { authorization: `Bearer ${options.token}` },
      metadata: options.metadata,
      chunkSize: 1024 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onAfterResponse: (_req, res) => {
        fileId = res.getHeader('File-Id') ?? fileId;
      },
      onChunkComplete: (_chunk, accepted) => {
        if (options.stopAfterBytes !== undefined && accepted >= options.stopAfterBytes) {
          // The connection drops: nothing more is sent.
          void upload.abort().then(() => resolve({ url: upload.url!, fileId, stopped: true }));
        }
      },
      onSuccess: () => resolve({ url: upload.url!, fileId, stopped: false }),
      onError: reject,
    });
    upload.start();
  });
}

const offsetOf = async (url: string, token: string) => {
  const response = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
  return { status: response.status, offset: response.headers.get('upload-offset') };
};

describe('resumable uploads (tus 1.0)', () => {
  it('resumes a video where the dropped connection stopped, and stores it whole: sniffed, digested, its id the upload id', async () => {
    const video = webm(5 * 1024 * 1024 + 123);
    const metadata = { purpose: 'lesson-video', filename: 'lecture one.webm' };
    const first = await tusUpload(video, { token: instructor.token, metadata, stopAfterBytes: 2 * 1024 * 1024 });
    expect(first.stopped).toBe(true);
    expect(first.url).toMatch(new RegExp(`^${env.gatewayUrl}/api/files/uploads/[0-9a-f-]{36}$`));
    const stoppedAt = await offsetOf(first.url, instructor.token);
    expect(stoppedAt.status).toBe(200);
    expect(Number(stoppedAt.offset)).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(Number(stoppedAt.offset)).toBeLessThan(video.length);
    // Nobody else learns where it stands, or resumes it.
    expect((await offsetOf(first.url, student.token)).status).toBe(404);

    const resumed = await tusUpload(video, { token: instructor.token, metadata, uploadUrl: first.url });
    expect(resumed.stopped).toBe(false);
    const uploadId = first.url.split('/').pop()!;
    expect(resumed.fileId).toBe(uploadId);

    const file = await api('GET', `/api/files/${uploadId}`, { token: instructor.token });
    expect(file.status).toBe(200);
    expect(file.body.data).toMatchObject({
      id: uploadId,
      name: 'lecture one.webm',
      size: video.length,
      contentType: 'video/webm',
      sha256: sha256(video),
      status: 'ready',
    });
    expect((await offsetOf(first.url, instructor.token)).status).toBe(404);
  }, 120_000);

  it('refuses at creation what the purpose does not take: an unknown purpose, a role, a length over the limit', async () => {
    const create = (token: string, metadata: string, length: number) =>
      fetch(`${env.gatewayUrl}/api/files/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': metadata },
      });
    const badPurpose = await create(instructor.token, `purpose ${base64('poster')}`, 10);
    expect(badPurpose.status).toBe(400);
    expect(((await badPurpose.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    expect((await create(student.token, `purpose ${base64('lesson-video')}`, 10)).status).toBe(403);
    const tooLarge = await create(student.token, `purpose ${base64('avatar')}`, 50 * 1024 * 1024);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('FILE_TOO_LARGE');
  });

  it('refuses a PATCH at another offset than the one held, and a finished upload whose bytes are not what its purpose takes', async () => {
    const created = await fetch(`${env.gatewayUrl}/api/files/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${student.token}`, 'tus-resumable': '1.0.0', 'upload-length': '12', 'upload-metadata': `purpose ${base64('avatar')}` },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, env.gatewayUrl);
    const patch = (offset: number, body: string) =>
      fetch(url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${student.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body,
      });
    const wrongOffset = await patch(5, 'hello');
    expect(wrongOffset.status).toBe(409);
    expect(((await wrongOffset.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_OFFSET_MISMATCH');
    const last = await patch(0, 'plain text!\n');
    expect(last.status).toBe(415);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe('FILE_TYPE_NOT_ALLOWED');
  });
});
