import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissingFile, syncDirectory } from '@smartcourse/platform';

/** Where certificate PDFs are kept: a directory today, an object store later, behind the same three calls. */
export interface FileStore {
  write(certificateId: string, bytes: Buffer): Promise<void>;
  read(certificateId: string): Promise<Buffer | undefined>;
  remove(certificateId: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A file per certificate, named by its id alone, so no caller input other than a UUID ever reaches
 * a path. The directory holds personal data (students' names): only the service's user may enter it.
 */
export function createFileStore(directory: string): FileStore {
  const pathOf = (certificateId: string): string => {
    if (!UUID.test(certificateId)) throw new Error(`certificate id is not a UUID: ${JSON.stringify(certificateId)}`);
    return join(directory, `${certificateId.toLowerCase()}.pdf`);
  };

  return {
    async write(certificateId, bytes) {
      const path = pathOf(certificateId);
      // Every time, not once: it costs one stat, and an operator may have removed the directory.
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // A reader sees the old file or the new one, never half of one: write beside it, flush, rename over.
      const temporary = join(directory, `.${certificateId.toLowerCase()}.${randomUUID()}.tmp`);
      try {
        const file = await open(temporary, 'wx', 0o600);
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(directory);
    },

    async read(certificateId) {
      const path = pathOf(certificateId);
      try {
        return await readFile(path);
      } catch (error) {
        if (isMissingFile(error)) return undefined;
        throw error;
      }
    },

    async remove(certificateId) {
      await rm(pathOf(certificateId), { force: true });
      await syncDirectory(directory).catch((error: unknown) => {
        if (!isMissingFile(error)) throw error;
      });
    },
  };
}
