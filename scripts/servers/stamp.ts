/** A short hash of files' contents: an install is redone when what it was made from changed. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

export function contentStamp(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) if (existsSync(file)) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

export const stampMatches = (file: string, stamp: string) => existsSync(file) && readFileSync(file, 'utf8').trim() === stamp;
