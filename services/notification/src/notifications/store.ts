import mongoose, { Schema, type Connection } from 'mongoose';

export type NotificationStatus = 'pending' | 'sent';

export interface Notification {
  /** The event that caused it: one notification per event, however often it is delivered. */
  eventId: string;
  userId: string;
  kind: 'welcome';
  channel: 'email';
  to: string;
  subject: string;
  body: string;
  status: NotificationStatus;
  attempts: number;
  messageId?: string;
  sentAt?: Date;
  createdAt: Date;
}

const notificationSchema = new Schema<Notification>(
  {
    eventId: { type: String, required: true, unique: true },
    userId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    channel: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    messageId: String,
    sentAt: Date,
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

/**
 * The ids of erased users, and when they were erased: nothing else, so it holds no personal
 * data. A `user.registered` replayed or redelivered after the erasure is checked against it.
 */
interface ErasedUser {
  userId: string;
  erasedAt: Date;
}

const erasedUserSchema = new Schema<ErasedUser>(
  {
    userId: { type: String, required: true, unique: true },
    erasedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const ERASED_USER = 'ErasedUser';

export type NotificationModel = mongoose.Model<Notification>;

/** The notifications model; the erased-users record is set up beside it, on the same connection. */
export async function notificationModel(connection: Connection): Promise<NotificationModel> {
  const model = connection.model<Notification>('Notification', notificationSchema, 'notifications');
  const erased = connection.model<ErasedUser>(ERASED_USER, erasedUserSchema, 'erased_users');
  await Promise.all([model.createIndexes(), erased.createIndexes()]);
  return model;
}

const erasedUsers = (model: NotificationModel) => model.db.model<ErasedUser>(ERASED_USER);

/** Keeps the first erasure time when an erasure is delivered again. */
export async function recordErasure(model: NotificationModel, userId: string, erasedAt: Date): Promise<void> {
  await erasedUsers(model).updateOne({ userId }, { $setOnInsert: { userId, erasedAt } }, { upsert: true });
}

export async function isErased(model: NotificationModel, userId: string): Promise<boolean> {
  return (await erasedUsers(model).exists({ userId })) !== null;
}

/** Creates the notification for an event unless it exists; returns the stored one either way. */
export async function upsertForEvent(model: NotificationModel, draft: Omit<Notification, 'status' | 'attempts' | 'createdAt'>) {
  const stored = await model
    .findOneAndUpdate(
      { eventId: draft.eventId },
      { $setOnInsert: { ...draft, status: 'pending', attempts: 0, createdAt: new Date() } },
      { upsert: true, returnDocument: 'after' },
    )
    .lean();
  if (!stored) throw new Error(`notification for event ${draft.eventId} was not stored`);
  return stored;
}

export async function markSent(model: NotificationModel, eventId: string, messageId: string): Promise<void> {
  await model.updateOne({ eventId }, { $set: { status: 'sent', messageId, sentAt: new Date() }, $inc: { attempts: 1 } });
}

export async function markAttemptFailed(model: NotificationModel, eventId: string): Promise<void> {
  await model.updateOne({ eventId }, { $inc: { attempts: 1 } });
}

export function listForUser(model: NotificationModel, userId: string) {
  return model.find({ userId }).sort({ createdAt: -1 }).limit(100).lean();
}

/** Removes every notification of a user (erasure: they hold the email address and name). */
export async function deleteForUser(model: NotificationModel, userId: string): Promise<number> {
  const { deletedCount } = await model.deleteMany({ userId });
  return deletedCount;
}
