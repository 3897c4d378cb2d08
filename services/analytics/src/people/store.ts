import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A person's role, unless a later occurrence already set it (registration and role changes come on different topics). */
export async function keepRole(db: Db, fact: { userId: string; role: string; at: Date; registeredAt?: Date }): Promise<void> {
  await db.raw(
    `insert into users (user_id, role, role_at, registered_at) values (?, ?, ?, ?)
     on conflict (user_id) do update set
       role = case when users.role_at is null or users.role_at <= excluded.role_at then excluded.role else users.role end,
       role_at = greatest(users.role_at, excluded.role_at),
       registered_at = coalesce(excluded.registered_at, users.registered_at)`,
    [fact.userId, fact.role, fact.at, fact.registeredAt ?? null],
  );
}

export async function keepErasure(db: Db, userId: string, at: Date): Promise<void> {
  await db.raw(
    `insert into users (user_id, erased_at) values (?, ?)
     on conflict (user_id) do update set erased_at = coalesce(users.erased_at, excluded.erased_at)`,
    [userId, at],
  );
}
