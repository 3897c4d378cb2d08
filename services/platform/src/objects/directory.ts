import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isMissingFile, syncDirectory } from './durable-files.js';
import { meter } from './metering.js';
import { checkedKey, clippedRange, type ObjectStore } from './store.js';

/**
 * Objects as files under one directory (mode 700: it holds people's uploads). A write goes to a
 * temporary file beside its target, is flushed, then renamed over it: a reader sees the old
 * object or the new one, never part of one, and a crash leaves at most a `.tmp-` file behind.
 */
/** Reads in 1 MiB chunks: a large download then crosses the HTTP hops in far fewer writes than with the default 64 KiB. */
const READ_CHUNK_BYTES = 1024 * 1024;

export function directoryObjectStore(root: string): ObjectStore {
  const pathOf = (key: string) => join(root, checkedKey(key));

  return {
    async put(key, body, { maxBytes }) {
      const path = pathOf(key);
      const directory = dirname(path);
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const temporary = join(directory, `.tmp-${randomUUID()}`);
      const metered = meter(maxBytes);
      try {
        const file = await open(temporary, 'wx', 0o600);
        await pipeline(body, metered, file.createWriteStream({ flush: true }));
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(directory);
      return metered.result();
    },

    async get(key, range) {
      const info = await statOf(pathOf(key));
      if (!info) return undefined;
      const served = clippedRange(info.size, range);
      return { size: info.size, range: served, body: createReadStream(pathOf(key), { ...served, highWaterMark: READ_CHUNK_BYTES }) };
    },

    stat: async (key) => statOf(pathOf(key)),

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

async function statOf(path: string): Promise<{ size: number } | undefined> {
  try {
    const found = await stat(path);
    return found.isFile() ? { size: found.size } : undefined;
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}
