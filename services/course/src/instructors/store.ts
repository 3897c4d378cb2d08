import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/**
 * Keeps a display name unless the user was erased or a later fact set it: registrations and
 * profile changes arrive on two topics, so a replay may read them in either order.
 */
export async function keepName(db: Db, userId: string, fullName: string, at: Date): Promise<void> {
  await db.raw(
    `insert into display_names (user_id, full_name, updated_at)
     select ?, ?, ? where not exists (select 1 from erased_users where user_id = ?)
     on conflict (user_id) do update set full_name = excluded.full_name, updated_at = excluded.updated_at
     where display_names.updated_at <= excluded.updated_at`,
    [userId, fullName, at, userId],
  );
}

/** Forgets the name and remembers only that the id was erased. */
export async function eraseName(trx: Knex.Transaction, userId: string, at: Date): Promise<void> {
  await trx('erased_users').insert({ user_id: userId, erased_at: at }).onConflict('user_id').ignore();
  await trx('display_names').where({ user_id: userId }).delete();
}

export async function nameOf(db: Db, userId: string): Promise<string | null> {
  const row = (await db('display_names').select('full_name').where({ user_id: userId }).first()) as { full_name: string } | undefined;
  return row?.full_name ?? null;
}
