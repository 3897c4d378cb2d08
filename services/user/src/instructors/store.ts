import type { Knex } from '@smartcourse/platform';
import type { InstructorProfile } from './rules.js';

interface ProfileRow {
  user_id: string;
  title: string;
  bio: string;
  expertise: string[];
  updated_at: Date;
}

export async function saveProfile(trx: Knex.Transaction, profile: InstructorProfile): Promise<void> {
  await trx<ProfileRow>('instructor_profiles')
    .insert({ user_id: profile.userId, title: profile.title, bio: profile.bio, expertise: profile.expertise })
    .onConflict('user_id')
    .merge({ title: profile.title, bio: profile.bio, expertise: profile.expertise, updated_at: trx.fn.now() as unknown as Date });
}

export async function findProfile(db: Knex, userId: string): Promise<(InstructorProfile & { updatedAt: Date }) | undefined> {
  const row = await db<ProfileRow>('instructor_profiles').where({ user_id: userId }).first();
  return row ? { userId: row.user_id, title: row.title, bio: row.bio, expertise: row.expertise, updatedAt: row.updated_at } : undefined;
}

export async function deleteProfile(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('instructor_profiles').where({ user_id: userId }).delete();
}
