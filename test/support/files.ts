import { deflateSync } from 'node:zlib';
import { createDb, type Knex } from '@smartcourse/platform';
import { postgresUrlOf } from '@smartcourse/contracts';
import { env } from './env.js';
import { jobSender } from './job-sender.js';
import type { Answer } from './http.js';

/** A real PNG of `width` × `height` grey pixels (what the sniffer and sharp read as an image). */
export function png(width = 4, height = 3): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads through the gateway as a browser form does: `purpose` first, then the file. */
export async function upload(token: string, purpose: string, content: Buffer, options: { name?: string; type?: string } = {}): Promise<Answer> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(content)], { type: options.type ?? 'application/octet-stream' }), options.name ?? 'upload.bin');
  const response = await fetch(`${env.gatewayUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The media service's database, for what the API does not show (rows of unfinished uploads). */
export const mediaDb = (): Knex => createDb({ url: postgresUrlOf('media', process.env), poolMax: 2 });

/** Runs the media service's cleanup job now, through its scheduler (as `sc` or the schedule would). */
export async function runMediaCleanup(): Promise<void> {
  const boss = jobSender(postgresUrlOf('media', process.env));
  await boss.start();
  await boss.send('remove-content', {});
  await boss.stop({ graceful: false });
}
