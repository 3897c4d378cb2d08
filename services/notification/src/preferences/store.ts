import mongoose, { Schema, type Connection } from 'mongoose';
import { notificationCategories, type NotificationCategory } from '@smartcourse/contracts';
import { channelsOf, type Channels, type StoredChoices } from './rules.js';

/** One document per person who changed a switch; a person without one has every channel on. */
interface PreferenceDocument {
  userId: string;
  categories: StoredChoices;
  updatedAt: Date;
}

const channelFields = { email: { type: Boolean }, inApp: { type: Boolean } };

const preferenceSchema = new Schema<PreferenceDocument>(
  {
    userId: { type: String, required: true, unique: true },
    // Nested paths (not subdocuments), so a `$set` of one `categories.<category>.<channel>` changes only that switch.
    categories: Object.fromEntries(notificationCategories.map((category) => [category, channelFields])),
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: true },
);

export type PreferenceModel = mongoose.Model<PreferenceDocument>;

/** The preferences model on the service's connection, its unique index on the user in place. */
export async function preferenceModel(connection: Connection): Promise<PreferenceModel> {
  const model = connection.model<PreferenceDocument>('Preference', preferenceSchema, 'preferences');
  await model.syncIndexes();
  return model;
}

/** The channels a notification of this category may use for this person; account email is always on. */
export async function channelsFor(model: PreferenceModel, userId: string, category: NotificationCategory): Promise<Channels> {
  return channelsOf(await findChoices(model, userId), category);
}

export async function findChoices(model: PreferenceModel, userId: string): Promise<StoredChoices | undefined> {
  const found = await model.findOne({ userId }, { categories: 1 }).lean();
  return found?.categories;
}

/** Sets the given switches (`category.channel` → on/off), creating the person's document on first use; returns what is stored after. */
export async function setSwitches(model: PreferenceModel, userId: string, switches: ReadonlyMap<string, boolean>): Promise<StoredChoices | undefined> {
  // No projection: FerretDB does not implement one on findAndModify.
  const set = Object.fromEntries([...switches].map(([path, on]) => [`categories.${path}`, on]));
  const stored = await model
    .findOneAndUpdate({ userId }, { $set: { ...set, updatedAt: new Date() }, $setOnInsert: { userId } }, { upsert: true, returnDocument: 'after' })
    .lean();
  return stored?.categories;
}

/** Switches a category's mail off (an unsubscribe); doing it again changes nothing. Account mail cannot be switched off. */
export async function switchEmailOff(model: PreferenceModel, userId: string, category: Exclude<NotificationCategory, 'account'>): Promise<void> {
  await setSwitches(model, userId, new Map([[`${category}.email`, false]]));
}

/** Removes a person's preferences (erasure); returns how many documents went (0 or 1). */
export async function deletePreferences(model: PreferenceModel, userId: string): Promise<number> {
  const { deletedCount } = await model.deleteMany({ userId });
  return deletedCount;
}
