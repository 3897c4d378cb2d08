import mongoose, { Schema, Types, type Connection } from 'mongoose';
import type { NotificationCategory } from '@smartcourse/contracts';

export type Channel = 'email' | 'inApp';

/**
 * pending → sending → sent, or back to pending (a transient failure, with a later attempt),
 * failed (refused for good) or suppressed (the person switched the channel off). `delivered`
 * is an in-app notification put in the inbox.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'suppressed' | 'failed';

/** One notification on one channel to one person: at most one per event, channel and recipient. */
export interface Delivery {
  _id: Types.ObjectId;
  /** `<eventId>:<channel>:<userId>`, unique. */
  key: string;
  eventId: string;
  userId: string;
  channel: Channel;
  category: NotificationCategory;
  template: string;
  courseId: string | null;
  link: string;
  facts: Record<string, string | number | boolean | null>;
  status: DeliveryStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: Date;
  /** While sending: until when this claim holds (then another sender may take it over). */
  leaseUntil: Date | null;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** One take of one attempt of a delivery: its unique key lets exactly one sender have it. */
interface DeliveryClaim {
  /** `<deliveryId>:<attempts before this one>` */
  key: string;
  deliveryId: string;
  at: Date;
}

export type DeliveryModel = mongoose.Model<Delivery>;

const claimsOf = (model: DeliveryModel) => model.db.model<DeliveryClaim>('DeliveryClaim');

export async function deliveryModel(connection: Connection): Promise<DeliveryModel> {
  const schema = new Schema<Delivery>(
    {
      key: { type: String, required: true, unique: true },
      eventId: { type: String, required: true },
      userId: { type: String, required: true, index: true },
      channel: { type: String, required: true },
      category: { type: String, required: true },
      template: { type: String, required: true },
      courseId: { type: String, default: null },
      link: { type: String, required: true },
      facts: { type: Schema.Types.Mixed, default: {} },
      status: { type: String, required: true },
      reason: { type: String, default: null },
      attempts: { type: Number, required: true, default: 0 },
      nextAttemptAt: { type: Date, required: true },
      leaseUntil: { type: Date, default: null },
      lastError: { type: String, default: null },
      messageId: { type: String, default: null },
      createdAt: { type: Date, required: true },
      sentAt: { type: Date, default: null },
    },
    { versionKey: false, minimize: false },
  );
  schema.index({ status: 1, nextAttemptAt: 1 });
  schema.index({ status: 1, leaseUntil: 1 });
  const model = connection.model<Delivery>('Delivery', schema, 'deliveries');
  const claims = connection.model<DeliveryClaim>(
    'DeliveryClaim',
    new Schema<DeliveryClaim>(
      { key: { type: String, required: true, unique: true }, deliveryId: { type: String, required: true, index: true }, at: { type: Date, required: true } },
      { versionKey: false },
    ),
    'delivery_claims',
  );
  await Promise.all([model.syncIndexes(), claims.syncIndexes()]);
  return model;
}

export const deliveryKey = (eventId: string, channel: Channel, userId: string) => `${eventId}:${channel}:${userId}`;

export type DeliveryDraft = Pick<Delivery, 'eventId' | 'userId' | 'channel' | 'category' | 'template' | 'courseId' | 'link' | 'facts'> & {
  status: 'pending' | 'delivered' | 'suppressed';
  reason?: string | null;
};

const draftKey = (draft: DeliveryDraft) => deliveryKey(draft.eventId, draft.channel, draft.userId);

/** The whole document of a new delivery, written only when its key is not stored yet. */
function insertOf(draft: DeliveryDraft, now: Date) {
  return {
    ...draft,
    key: draftKey(draft),
    reason: draft.reason ?? null,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    messageId: null,
    createdAt: now,
    sentAt: draft.status === 'delivered' ? now : null,
  };
}

/**
 * Records each delivery unless it exists, all in one request; per draft, true when this call
 * created it. The upserts run unordered: when two writers race on a key, the loser's upsert
 * collides with the unique key (it did not create that one) and the others still apply.
 */
export async function recordDeliveries(model: DeliveryModel, drafts: readonly DeliveryDraft[]): Promise<boolean[]> {
  if (drafts.length === 0) return [];
  const now = new Date();
  const created = (upsertedIds: Record<number, unknown>) => drafts.map((_, index) => upsertedIds[index] !== undefined);
  try {
    const result = await model.bulkWrite(
      drafts.map((draft) => ({ updateOne: { filter: { key: draftKey(draft) }, update: { $setOnInsert: insertOf(draft, now) }, upsert: true } })),
      { ordered: false },
    );
    return created(result.upsertedIds);
  } catch (error) {
    const { writeErrors, upsertedIds } = error as { writeErrors?: Array<{ code?: number }>; upsertedIds?: Record<number, unknown> };
    if (!writeErrors?.length || !upsertedIds || writeErrors.some((failure) => failure.code !== 11000)) throw error;
    return created(upsertedIds);
  }
}

/**
 * Takes the next mail due: a pending one whose time has come, or one whose sender died while
 * sending (its lease ran out). The claim is one atomic update, so two senders never take the same.
 */
/**
 * Takes the next mail due: a pending one whose time has come, or one whose sender died while
 * sending (its lease ran out). A find-and-modify is not atomic on every MongoDB-compatible
 * store, so the take is the insert of the attempt's key into `delivery_claims`, whose unique
 * index lets exactly one of two senders have it. Plain filters and no sort: the document store
 * answers them from its indexes (a sort makes it scan); due mail goes in no particular order.
 */
export async function claimDue(model: DeliveryModel, leaseMs: number): Promise<Delivery | undefined> {
  const now = new Date();
  const candidates = [
    ...(await model
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .limit(8)
      .lean()),
    ...(await model
      .find({ status: 'sending', leaseUntil: { $lt: now } })
      .limit(8)
      .lean()),
  ];
  for (const candidate of candidates) {
    const deliveryId = candidate._id.toHexString();
    const key = `${deliveryId}:${candidate.attempts}`;
    try {
      await claimsOf(model).create({ key, deliveryId, at: now });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // Another sender has this attempt, or had it and died before marking the mail as being
      // sent: a claim older than a lease is such a one, dropped so the next look takes the mail.
      await claimsOf(model).deleteOne({ key, at: { $lt: new Date(now.getTime() - leaseMs) } });
      continue;
    }
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await model.updateOne({ _id: candidate._id }, { $set: { status: 'sending', leaseUntil }, $inc: { attempts: 1 } });
    return { ...candidate, status: 'sending', leaseUntil, attempts: candidate.attempts + 1 };
  }
  return undefined;
}

/** The person's address has arrived: their mails that waited for it are due now. */
export async function resumeAwaiting(model: DeliveryModel, userId: string): Promise<number> {
  const { modifiedCount } = await model.updateMany(
    { userId, status: 'pending', reason: 'awaiting-recipient' },
    { $set: { nextAttemptAt: new Date(), reason: null } },
  );
  return modifiedCount;
}

export async function markSent(model: DeliveryModel, id: Types.ObjectId, messageId: string): Promise<void> {
  await model.updateOne({ _id: id }, { $set: { status: 'sent', messageId, sentAt: new Date(), leaseUntil: null, lastError: null } });
}

export async function markRetry(model: DeliveryModel, id: Types.ObjectId, at: Date, error: string, reason: string | null = null): Promise<void> {
  await model.updateOne({ _id: id }, { $set: { status: 'pending', nextAttemptAt: at, leaseUntil: null, lastError: error, reason } });
}

export async function markFinal(
  model: DeliveryModel,
  id: Types.ObjectId,
  status: 'failed' | 'suppressed',
  reason: string,
  error: string | null = null,
): Promise<void> {
  await model.updateOne({ _id: id }, { $set: { status, reason, leaseUntil: null, lastError: error } });
}

/** How many mails wait to be sent (pending or being sent), for the metrics. */
export const mailsWaiting = (model: DeliveryModel) => model.countDocuments({ channel: 'email', status: { $in: ['pending', 'sending'] } });

export async function deleteDeliveries(model: DeliveryModel, userId: string): Promise<void> {
  const ids = (await model.find({ userId }, { _id: 1 }).lean()).map((row) => row._id.toHexString());
  await model.deleteMany({ userId });
  // Claims hold nothing personal; they go with their deliveries all the same.
  if (ids.length > 0) await claimsOf(model).deleteMany({ deliveryId: { $in: ids } });
}

/** Deliveries that are over: nothing will be attempted again. */
const FINISHED: DeliveryStatus[] = ['sent', 'delivered', 'suppressed', 'failed'];

/** Deletes at most `limit` finished deliveries created before `before`, with their claims; answers how many. */
export async function deleteFinishedDeliveries(model: DeliveryModel, before: Date, limit: number): Promise<number> {
  const ids = (
    await model
      .find({ status: { $in: FINISHED }, createdAt: { $lt: before } }, { _id: 1 })
      .limit(limit)
      .lean()
  ).map((row) => row._id);
  if (ids.length === 0) return 0;
  await claimsOf(model).deleteMany({ deliveryId: { $in: ids.map((id) => id.toHexString()) } });
  const result = await model.deleteMany({ _id: { $in: ids } });
  return result.deletedCount;
}
