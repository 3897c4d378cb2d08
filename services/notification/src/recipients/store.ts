import mongoose, { Schema, type Connection } from 'mongoose';

/** Whom mail goes to: the address and name from the compacted user topics. Purged on erasure. */
export interface Recipient {
  userId: string;
  email: string | null;
  fullName: string | null;
  /** When the kept email and name were true (the events' occurredAt): a later fact wins, whatever the topic order. */
  emailAt: Date | null;
  nameAt: Date | null;
}

/** The ids of erased users, and when: nothing else. A replayed registration is checked against it. */
interface ErasedUser {
  userId: string;
  erasedAt: Date;
}

export interface RecipientModels {
  recipients: mongoose.Model<Recipient>;
  erased: mongoose.Model<ErasedUser>;
}

export async function recipientModels(connection: Connection): Promise<RecipientModels> {
  const recipients = connection.model<Recipient>(
    'Recipient',
    new Schema<Recipient>(
      { userId: { type: String, required: true, unique: true }, email: String, fullName: String, emailAt: Date, nameAt: Date },
      { versionKey: false },
    ),
    'recipients',
  );
  const erased = connection.model<ErasedUser>(
    'ErasedUser',
    new Schema<ErasedUser>({ userId: { type: String, required: true, unique: true }, erasedAt: { type: Date, required: true } }, { versionKey: false }),
    'erased_users',
  );
  await Promise.all([recipients.syncIndexes(), erased.syncIndexes()]);
  return { recipients, erased };
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Sets fields that are newer than the ones kept. The filter matches only an older (or absent)
 * fact; when a newer one is kept the upsert collides with it on `userId` and changes nothing.
 */
async function keepNewer(models: RecipientModels, userId: string, stamp: 'emailAt' | 'nameAt', at: Date, fields: Partial<Recipient>): Promise<void> {
  if (await models.erased.exists({ userId })) return;
  // Twice at most: a collision on the first try may be another fact's insert of the same person
  // (a name and an address handled at once), which this update must still apply to; on the
  // second, the person's document exists, so a collision means a newer fact is kept.
  for (let tries = 1; ; tries += 1) {
    try {
      await models.recipients.updateOne(
        { userId, $or: [{ [stamp]: null }, { [stamp]: { $lte: at } }] },
        { $set: { ...fields, [stamp]: at }, $setOnInsert: { userId } },
        { upsert: true },
      );
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (tries === 2) return;
    }
  }
}

export async function keepRegistration(models: RecipientModels, fact: { userId: string; email: string; fullName: string; at: Date }): Promise<void> {
  await keepNewer(models, fact.userId, 'emailAt', fact.at, { email: fact.email });
  await keepNewer(models, fact.userId, 'nameAt', fact.at, { fullName: fact.fullName });
}

export async function keepName(models: RecipientModels, fact: { userId: string; fullName: string; at: Date }): Promise<void> {
  await keepNewer(models, fact.userId, 'nameAt', fact.at, { fullName: fact.fullName });
}

/** Remembers the erasure first, so a registration handled meanwhile sees it, then forgets the person. */
export async function eraseRecipient(models: RecipientModels, userId: string, at: Date): Promise<void> {
  await models.erased.updateOne({ userId }, { $setOnInsert: { userId, erasedAt: at } }, { upsert: true });
  await models.recipients.deleteOne({ userId });
}

export async function isErased(models: RecipientModels, userId: string): Promise<boolean> {
  return (await models.erased.exists({ userId })) !== null;
}

export async function findRecipient(models: RecipientModels, userId: string): Promise<Recipient | undefined> {
  return (await models.recipients.findOne({ userId }).lean()) ?? undefined;
}
