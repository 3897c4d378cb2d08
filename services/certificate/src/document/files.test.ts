import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFileStore } from './files.js';

describe('certificate file store', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'certificate-files-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });
  const freshDirectory = (): string => join(scratch, randomUUID(), 'pdfs');

  it('reads back what it wrote, and nothing once removed', async () => {
    const files = createFileStore(freshDirectory());
    const id = randomUUID();
    const bytes = Buffer.from('%PDF-1.7 a certificate');

    await files.write(id, bytes);
    expect(await files.read(id)).toEqual(bytes);

    await files.remove(id);
    expect(await files.read(id)).toBeUndefined();
  });

  it('creates its missing directory for the service user alone (0700)', async () => {
    const directory = freshDirectory();
    const files = createFileStore(directory);

    await files.write(randomUUID(), Buffer.from('pdf'));

    expect((await stat(directory)).mode & 0o777).toBe(0o700);
  });

  it('answers undefined for a certificate never written, even before the directory exists', async () => {
    const files = createFileStore(freshDirectory());
    expect(await files.read(randomUUID())).toBeUndefined();

    await files.write(randomUUID(), Buffer.from('another certificate'));
    expect(await files.read(randomUUID())).toBeUndefined();
  });

  it('removes a missing file without complaint', async () => {
    const files = createFileStore(freshDirectory());
    await expect(files.remove(randomUUID())).resolves.toBeUndefined();

    const id = randomUUID();
    await files.write(id, Buffer.from('pdf'));
    await files.remove(id);
    await expect(files.remove(id)).resolves.toBeUndefined();
  });

  it('replaces a file whole: readers during a rewrite see the old bytes or the new, and no temporary file stays', async () => {
    const directory = freshDirectory();
    const files = createFileStore(directory);
    const id = randomUUID();
    const before = Buffer.alloc(4 * 1024 * 1024, 'a');
    const after = Buffer.alloc(4 * 1024 * 1024, 'b');
    await files.write(id, before);

    const rewrite = files.write(id, after);
    const seen: Buffer[] = [];
    for (let i = 0; i < 20; i++) seen.push((await files.read(id)) ?? Buffer.alloc(0));
    await rewrite;

    for (const bytes of seen) expect(bytes.equals(before) || bytes.equals(after)).toBe(true);
    expect((await files.read(id))?.equals(after)).toBe(true);
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('finds a file by its id in any case of the hex digits', async () => {
    const files = createFileStore(freshDirectory());
    const id = randomUUID();
    await files.write(id.toUpperCase(), Buffer.from('pdf'));

    expect(await files.read(id)).toEqual(Buffer.from('pdf'));
  });

  it('refuses an id that is not a UUID, before touching the disk', async () => {
    const directory = freshDirectory();
    const files = createFileStore(directory);

    for (const id of ['../../etc/passwd', '', 'not-a-uuid', `${randomUUID()}/../x`, `${randomUUID()}.pdf`]) {
      await expect(files.write(id, Buffer.from('pdf'))).rejects.toThrow('not a UUID');
      await expect(files.read(id)).rejects.toThrow('not a UUID');
      await expect(files.remove(id)).rejects.toThrow('not a UUID');
    }
    await expect(stat(directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
