import { Schema, type Connection, type Model } from 'mongoose';
import type { Attachment } from '@smartcourse/contracts';

/** A lesson's body: one document per (lesson, revision); the lesson row names its current revision. */
export interface LessonBody {
  markdown: string | null;
  videoUrl: string | null;
  attachments: Attachment[];
}

interface BodyDocument extends LessonBody {
  lessonId: string;
  /** The id of the command that wrote it: a retried command writes the same document again. */
  revision: string;
  createdAt: Date;
}

const attachmentSchema = new Schema<Attachment>(
  { name: { type: String, required: true }, url: { type: String, required: true }, sizeBytes: Number, contentType: String },
  { _id: false },
);

const bodySchema = new Schema<BodyDocument>(
  {
    lessonId: { type: String, required: true },
    revision: { type: String, required: true },
    markdown: { type: String, default: null },
    videoUrl: { type: String, default: null },
    attachments: { type: [attachmentSchema], default: [] },
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
    { $set: { markdown: body.markdown, videoUrl: body.videoUrl, attachments: body.attachments }, $setOnInsert: { createdAt: new Date() } },
    { upsert: true },
  );
}

export async function readBody(bodies: BodyModel, lessonId: string, revision: string): Promise<LessonBody | undefined> {
  const doc = await bodies.findOne({ lessonId, revision }).lean();
  return doc ? { markdown: doc.markdown ?? null, videoUrl: doc.videoUrl ?? null, attachments: (doc.attachments ?? []).map(plainAttachment) } : undefined;
}

/**
 * Drops a lesson's revisions except those kept (the one its row names and the one being
 * written), so at most one superseded revision lingers until the next change; none kept drops all.
 */
export async function pruneBodies(bodies: BodyModel, lessonId: string, keep: readonly string[] = []): Promise<void> {
  await bodies.deleteMany({ lessonId, revision: { $nin: keep } });
}

function plainAttachment(attachment: Attachment): Attachment {
  return {
    name: attachment.name,
    url: attachment.url,
    ...(attachment.sizeBytes !== undefined && attachment.sizeBytes !== null ? { sizeBytes: attachment.sizeBytes } : {}),
    ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
  };
}
