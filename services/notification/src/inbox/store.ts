import mongoose, { Schema, Types, type Connection } from 'mongoose';
import type { NotificationCategory } from '@smartcourse/contracts';

/** One in-app notification of one person. */
export interface InboxEntry {
  _id: Types.ObjectId;
  userId: string;
  /** The event that caused it: one entry per event and recipient, however often it is delivered. */
  eventId: string;
  /** +1 per entry of this person: the position a live stream resumes from. */
  seq: number;
  category: NotificationCategory;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

export interface InboxModels {
  entries: mongoose.Model<InboxEntry>;
  /**
   * The last seq this process wrote per person: the next entry's seq is guessed from it, without
   * a read (the unique index still decides). A guess only, bounded; a person not in it is read.
   */
  lastSeq: Map<string, number>;
}

/** People whose last seq a process keeps in mind (the oldest written is forgotten first). */
const SEQ_HINTS = 10_000;

export async function inboxModels(connection: Connection): Promise<InboxModels> {
  const schema = new Schema<InboxEntry>(
    {
      userId: { type: String, required: true },
      eventId: { type: String, required: true },
      seq: { type: Number, required: true },
      category: { type: String, required: true },
      kind: { type: String, required: true },
      title: { type: String, required: true },
      body: { type: String, required: true },
      link: { type: String, default: null },
      read: { type: Boolean, required: true, default: false },
      readAt: { type: Date, default: null },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false },
  );
  schema.index({ userId: 1, eventId: 1 }, { unique: true });
  // Unique: a live stream resumes from a seq, so no two entries of a person may share one.
  schema.index({ userId: 1, seq: -1 }, { unique: true });
  schema.index({ userId: 1, read: 1 });
  const entries = connection.model<InboxEntry>('InboxEntry', schema, 'inbox');
  // syncIndexes, not createIndexes: an index changed in the schema (say, made unique) is rebuilt on
  // start instead of silently kept as it was, and one that violates it stops the start.
  await entries.syncIndexes();
  return { entries, lastSeq: new Map() };
}

export type InboxDraft = Pick<InboxEntry, 'userId' | 'eventId' | 'category' | 'kind' | 'title' | 'body' | 'link'>;

/**
 * Adds the entry unless this event already gave this person one; answers the new entry, or
 * undefined for a redelivery. Its seq is the person's highest visible one plus one, taken by
 * the insert itself (unique per person; a writer that lost the race reads again): so seq N+1 is
 * only ever written once N is visible, and a stream that resumed after N never misses an entry
 * that shows up later below it. The highest is this process's own last write when it has one
 * (visible, since it wrote it): one round trip when it is still the highest.
 */
export async function addEntry(models: InboxModels, draft: InboxDraft): Promise<InboxEntry | undefined> {
  for (let guess = models.lastSeq.get(draft.userId); ; guess = undefined) {
    const seq = (guess ?? (await models.entries.findOne({ userId: draft.userId }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0) + 1;
    try {
      const created = await models.entries.create({ ...draft, seq, read: false, readAt: null, createdAt: new Date() });
      rememberSeq(models, draft.userId, seq);
      return created.toObject();
    } catch (error) {
      // A unique key decides: this event's entry exists (a redelivery), or the seq was just taken.
      if ((error as { code?: number }).code !== 11000) throw error;
      if (await models.entries.exists({ userId: draft.userId, eventId: draft.eventId })) return undefined;
    }
  }
}

function rememberSeq(models: InboxModels, userId: string, seq: number): void {
  models.lastSeq.delete(userId);
  models.lastSeq.set(userId, seq);
  if (models.lastSeq.size > SEQ_HINTS) models.lastSeq.delete(models.lastSeq.keys().next().value as string);
}

export async function listEntries(models: InboxModels, userId: string, query: { unread?: boolean | undefined; page: number; per_page: number }) {
  const filter = query.unread === undefined ? { userId } : { userId, read: !query.unread };
  const [entries, total] = await Promise.all([
    models.entries
      .find(filter)
      .sort({ seq: -1 })
      .skip((query.page - 1) * query.per_page)
      .limit(query.per_page)
      .lean(),
    models.entries.countDocuments(filter),
  ]);
  return { entries, total };
}

export const unreadCount = (models: InboxModels, userId: string) => models.entries.countDocuments({ userId, read: false });

/** Marks one entry read; false when the person has no such entry. Reading it again changes nothing. */
export async function markRead(models: InboxModels, userId: string, id: string): Promise<boolean> {
  const _id = new Types.ObjectId(id);
  const changed = await models.entries.updateOne({ _id, userId, read: false }, { $set: { read: true, readAt: new Date() } });
  return changed.matchedCount > 0 || (await models.entries.exists({ _id, userId })) !== null;
}

export async function markAllRead(models: InboxModels, userId: string): Promise<number> {
  const { modifiedCount } = await models.entries.updateMany({ userId, read: false }, { $set: { read: true, readAt: new Date() } });
  return modifiedCount;
}

/** The entries after a stream position, oldest first. */
export const entriesAfter = (models: InboxModels, userId: string, seq: number, limit: number) =>
  models.entries
    .find({ userId, seq: { $gt: seq } })
    .sort({ seq: 1 })
    .limit(limit)
    .lean();

export async function deleteInbox(models: InboxModels, userId: string): Promise<void> {
  models.lastSeq.delete(userId);
  await models.entries.deleteMany({ userId });
}

/**
 * Deletes inbox entries created before `before`, `batchSize` at a time, except each person's
 * latest entry: seq continues from it, so a live stream resuming from an old seq misses nothing.
 * Stops between batches when `signal` is aborted. Answers how many were deleted.
 */
export async function deleteOldEntries(models: InboxModels, before: Date, options: { batchSize: number; signal: AbortSignal }): Promise<number> {
  let deleted = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    options.signal.throwIfAborted();
    const page = await models.entries
      .find({ createdAt: { $lt: before }, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1, userId: 1, seq: 1 })
      .sort({ _id: 1 })
      .limit(options.batchSize)
      .lean();
    if (page.length === 0) return deleted;
    after = page[page.length - 1]?._id;
    // One look per person, as addEntry takes it: the document store has no $max in $group.
    const latestSeq = new Map<string, number | undefined>();
    for (const userId of new Set(page.map((entry) => entry.userId))) {
      latestSeq.set(userId, (await models.entries.findOne({ userId }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq);
    }
    const ids = page.filter((entry) => latestSeq.get(entry.userId) !== entry.seq).map((entry) => entry._id);
    if (ids.length > 0) deleted += (await models.entries.deleteMany({ _id: { $in: ids } })).deletedCount;
    if (page.length < options.batchSize) return deleted;
  }
}
