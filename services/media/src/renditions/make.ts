import { Readable } from 'node:stream';
import type { Knex, Logger, ObjectStore } from '@smartcourse/platform';
import { keepRendition, type FileRow, type Rendition } from '../files/store.js';
import { imagePreview } from './image.js';
import { posterFrame, videoFacts } from './video.js';

/** Images sharp reads whole in memory: the purposes' own limits are above this only for lesson files. */
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const previewKeyOf = (fileId: string) => `previews/${fileId}`;

/** What has a rendition: the images a purpose takes, and every video. */
export const hasRendition = (contentType: string | null) =>
  contentType !== null && (/^image\/(jpeg|png|webp|gif)$/.test(contentType) || contentType.startsWith('video/'));

/** A rendition that was tried and could not be made (a corrupt file, a huge image): known, so it is not tried again. */
const none: Rendition = { preview: null, width: null, height: null, durationSeconds: null };

export interface Renditions {
  /** Makes the file's rendition in the background; a failure is logged and the backfill job tries again. */
  soon(file: FileRow): void;
  /** Makes it now. */
  make(file: FileRow): Promise<void>;
}

/**
 * Previews and media facts: an image's size and a WebP preview (sharp); a video's duration,
 * picture size and poster frame (ffprobe and ffmpeg, reading the bytes from the store).
 */
export function renditions(deps: { db: Knex; store: ObjectStore; log: Logger }): Renditions {
  const open = async (key: string): Promise<Readable> => {
    const content = await deps.store.get(key);
    if (!content) throw new Error(`the object ${key} is not in the store`);
    return content.body;
  };
  const keepPreview = async (file: FileRow, preview: { bytes: Buffer; width: number; height: number }, facts: Omit<Rendition, 'preview'>) => {
    const key = previewKeyOf(file.id);
    await deps.store.put(key, Readable.from([preview.bytes]), { contentType: 'image/webp', maxBytes: preview.bytes.length });
    await keepRendition(deps.db, file.id, { preview: { width: preview.width, height: preview.height, contentType: 'image/webp' }, ...facts }, key);
  };

  /** A decoder's refusal: the file has no rendition, and says why in the log. */
  const undecodable = (file: FileRow) => (error: unknown) => {
    deps.log.info({ err: error, fileId: file.id, contentType: file.contentType }, 'no rendition: the content does not decode');
    return undefined;
  };

  async function make(file: FileRow): Promise<void> {
    if (!hasRendition(file.contentType)) return;
    if (file.contentType!.startsWith('image/')) {
      if ((file.size ?? 0) > MAX_IMAGE_BYTES) return keepRendition(deps.db, file.id, none, null);
      const chunks: Buffer[] = [];
      for await (const chunk of await open(file.storageKey)) chunks.push(chunk as Buffer);
      const image = await imagePreview(Buffer.concat(chunks)).catch(undecodable(file));
      if (!image) return keepRendition(deps.db, file.id, none, null);
      return keepPreview(file, image.preview, { width: image.width, height: image.height, durationSeconds: null });
    }
    const facts = await videoFacts(await open(file.storageKey)).catch(undecodable(file));
    if (!facts) return keepRendition(deps.db, file.id, none, null);
    // A second in, past a fade from black; the first frame of a shorter video.
    const frame = await posterFrame(await open(file.storageKey), facts.durationSeconds !== null && facts.durationSeconds > 2 ? 1 : 0).catch(undecodable(file));
    const poster = frame && frame.length > 0 ? await imagePreview(frame).catch(undecodable(file)) : undefined;
    if (!poster) return keepRendition(deps.db, file.id, { ...none, ...facts }, null);
    return keepPreview(file, poster.preview, facts);
  }

  return {
    make,
    soon(file) {
      setImmediate(() => {
        make(file).catch((error: unknown) => deps.log.warn({ err: error, fileId: file.id }, 'a rendition could not be made yet; the backfill job tries again'));
      });
    },
  };
}
