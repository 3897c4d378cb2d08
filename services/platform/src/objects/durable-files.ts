import { open } from 'node:fs/promises';

/** Makes a rename or an unlink durable: without it a crash can bring back the directory's old entry. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A node:fs error saying the file is not there. No `instanceof Error`: such errors may come from another realm (jest's VM modules). */
export function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
