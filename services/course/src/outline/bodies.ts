import { Schema, type Connection, type Model } from 'mongoose';
import type { LessonLink } from '@smartcourse/contracts';
import { linkOfAttachment, plainLink, type UrlAttachment } from './links.js';

/** A lesson's body: one document per (lesson, revision); the lesson row names its current revision. */
export interface LessonBody {
  markdown: string | null;
  /** An external video; an uploaded one is `videoFileId`. */
  videoUrl: string | null;
  videoFileId: string | null;
  attachmentFileIds: string[];
  links: LessonLink[];
}

interface BodyDocument extends LessonBody {
  lessonId: string;
  /** The id of the command that wrote it: a retried command writes the same document again. */
  revision: string;
  createdAt: Date;
}

const linkSchema = new Schema<LessonLink>({ title: String, url: { type: String, required: true }, sizeBytes: Number, contentType: String }, { _id: false });

const bodySchema = new Schema<BodyDocument>(
  {
    lessonId: { type: String, required: true },
    revision: { type: String, required: true },
    markdown: { type: String, default: null },
    videoUrl: { type: String, default: null },
    videoFileId: { type: String, default: null },
    attachmentFileIds: { type: [String], default: [] },
    links: { type: [linkSchema], default: [] },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false, collection: 'lesson_bodies' },
);
bodySchema.index({ lessonId: 1, revision: 1 }, { unique: true });

export type BodyModel = Model<BodyDocument>;

export async function bodyModel(connection: Connection): Promise<BodyModel> {
  const model = connection.model<BodyDocument>('LessonBody', bodySchema);
  await model.syncIndexes();
  return model;
}

/**
 * Writes a body revision before the lesson row that points to it commits. Keyed by lesson id
 * and revision (the command id), so a retry after a failed commit writes the same document,
 * and a revision no row points to is never read.
 */
export async function writeBody(bodies: BodyModel, lessonId: string, revision: string, body: LessonBody): Promise<void> {
  await bodies.updateOne(
    { lessonId, revision },
    {
      $set: {
        markdown: body.markdown,
        videoUrl: body.videoUrl,
        videoFileId: body.videoFileId,
        attachmentFileIds: body.attachmentFileIds,
        links: body.links,
      },
      $setOnInsert: { createdAt: new Date() },
    },
    { upsert: true },
  );
}

/** A body as stored; a document the attachment migration has not reached yet shows its URL attachments as links. */
export async function readBody(bodies: BodyModel, lessonId: string, revision: string): Promise<LessonBody | undefined> {
  const doc = await bodies.collection.findOne({ lessonId, revision });
  if (!doc) return undefined;
  const legacy = (doc.attachments ?? []) as UrlAttachment[];
  return {
    markdown: doc.markdown ?? null,
    videoUrl: doc.videoUrl ?? null,
    videoFileId: doc.videoFileId ?? null,
    attachmentFileIds: doc.attachmentFileIds ?? [],
    links: [...((doc.links ?? []) as LessonLink[]).map(plainLink), ...legacy.map(linkOfAttachment)],
  };
}

/**
 * Drops a lesson's revisions except those kept (the one its row names and the one being
 * written), so at most one superseded revision lingers until the next change; none kept drops all.
 */
export async function pruneBodies(bodies: BodyModel, lessonId: string, keep: readonly string[] = []): Promise<void> {
  await bodies.deleteMany({ lessonId, revision: { $nin: keep } });
}

/**
 * Rewrites the bodies written before file ids: each URL attachment becomes a link (its name the
 * title; size and type kept), appended after the document's links. One conditional update per
 * document, so a run that stops midway, or two instances at once, convert each document once.
 */
export async function migrateUrlAttachments(bodies: BodyModel): Promise<number> {
  let converted = 0;
  // In batches, each read afresh: a converted document no longer matches, so the loop ends.
  for (;;) {
    const batch = await bodies.collection
      .find({ attachments: { $exists: true } }, { projection: { attachments: 1, links: 1 } })
      .limit(200)
      .toArray();
    if (batch.length === 0) return converted;
    for (const doc of batch) {
      const links = [...((doc.links ?? []) as LessonLink[]).map(plainLink), ...((doc.attachments ?? []) as UrlAttachment[]).map(linkOfAttachment)];
      const result = await bodies.collection.updateOne({ _id: doc._id, attachments: { $exists: true } }, { $set: { links }, $unset: { attachments: '' } });
      converted += result.modifiedCount;
    }
  }
}
