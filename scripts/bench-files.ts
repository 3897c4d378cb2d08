import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { processSpec } from '@smartcourse/contracts';
import { directoryObjectStore, s3ObjectStore, type ObjectStore } from '@smartcourse/platform';
import { env } from '../test/support/env.js';
import { metricSum } from '../test/support/metrics.js';
import { newAdmin, newInstructor } from '../test/support/people.js';

export interface FileFigures {
  megabytes: number;
  store: string;
  /** Seconds: through the gateway (upload: POST /api/files; download: /content → signed URL), and the store's own put and get. */
  upload: number;
  download: number;
  storePut: number;
  storeGet: number;
  /** Resident memory of the gateway and the media service: before, and the most seen while the file went through (MiB). */
  memory: Record<'gateway' | 'media', { before: number; peak: number }>;
}

/** The store the media service uses, opened the way it opens it (MEDIA_STORE and its settings in the environment). */
function sameStore(): { store: ObjectStore; label: string } {
  if (process.env.MEDIA_STORE === 's3') {
    return { store: s3ObjectStore({ ...env.s3, region: 'us-east-1', prefix: 'bench/' }), label: `S3 at ${env.s3.endpoint}` };
  }
  const directory = process.env.MEDIA_DIRECTORY ?? '.run/media';
  return { store: directoryObjectStore(path.resolve(directory, 'bench')), label: `the directory ${directory}` };
}

const rssOf = async (name: 'gateway' | 'media') => (await metricSum(`http://127.0.0.1:${processSpec(name).port}`, 'process_resident_memory_bytes')) / 2 ** 20;

/** Samples both processes' resident memory every 100 ms while `work` runs; answers the work's seconds. */
async function watched(memory: FileFigures['memory'], work: () => Promise<void>): Promise<number> {
  let running = true;
  const sampler = (async () => {
    while (running) {
      for (const name of ['gateway', 'media'] as const) memory[name].peak = Math.max(memory[name].peak, await rssOf(name));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = process.hrtime.bigint();
  try {
    await work();
  } finally {
    running = false;
    await sampler;
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A WebM header then random bytes: sniffed as video/webm, so it goes up as a lesson video. */
async function videoFile(file: string, bytes: number): Promise<void> {
  const header = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102', 'hex');
  const out = createWriteStream(file);
  out.write(header);
  for (let written = header.length; written < bytes; written += 1 << 20) out.write(randomBytes(Math.min(1 << 20, bytes - written)));
  await new Promise<void>((resolve, reject) => out.on('error', reject).end(resolve));
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Upload and download of one large file through the gateway, beside the same bytes put into and read from the same store directly. */
export async function fileFigures(megabytes: number): Promise<FileFigures> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-files-'));
  const file = path.join(directory, 'lecture.webm');
  const bytes = megabytes * 2 ** 20;
  try {
    await videoFile(file, bytes);
    const instructor = await newInstructor(await newAdmin(), 'Bench');
    const authorization = `Bearer ${instructor.token}`;
    const memory: FileFigures['memory'] = { gateway: { before: await rssOf('gateway'), peak: 0 }, media: { before: await rssOf('media'), peak: 0 } };

    let fileId = '';
    const upload = await watched(memory, async () => {
      const form = new FormData();
      form.append('purpose', 'lesson-video');
      form.append('file', await openAsBlob(file), 'lecture.webm');
      const answer = await fetch(`${env.gatewayUrl}/api/files`, { method: 'POST', headers: { authorization }, body: form });
      const body = (await answer.json()) as { data?: { id: string; size: number } };
      if (answer.status !== 201 || body.data?.size !== bytes) throw new Error(`the upload answered ${answer.status}: ${JSON.stringify(body)}`);
      fileId = body.data.id;
    });
    const download = await watched(memory, async () => {
      const answer = await fetch(`${env.gatewayUrl}/api/files/${fileId}/content`, { headers: { authorization } });
      if (answer.status !== 200 || !answer.body) throw new Error(`the download answered ${answer.status}`);
      let received = 0;
      for await (const chunk of answer.body) received += (chunk as Uint8Array).length;
      if (received !== bytes) throw new Error(`the download gave ${received} of ${bytes} bytes`);
    });

    const { store, label } = sameStore();
    const key = `bench-${Date.now()}`;
    const storePut = await watched({ gateway: { before: 0, peak: 0 }, media: { before: 0, peak: 0 } }, async () => {
      await store.put(key, createReadStream(file), { contentType: 'video/webm', maxBytes: bytes });
    });
    const storeGet = await watched({ gateway: { before: 0, peak: 0 }, media: { before: 0, peak: 0 } }, async () => {
      const content = await store.get(key);
      if (!content) throw new Error('the object is not in the store');
      await pipeline(content.body, discard());
    });
    await store.remove(key);
    await fetch(`${env.gatewayUrl}/api/files/${fileId}`, { method: 'DELETE', headers: { authorization } });
    return { megabytes, store: label, upload, download, storePut, storeGet, memory };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
