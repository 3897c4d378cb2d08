import type { Knex } from 'knex';
import { on, type EventHandler, type ReplicaContext } from '../events/listener.js';
import type { Replica } from './replica.js';

type Db = Knex | Knex.Transaction;

/**
 * A replica of people's display names, from the compacted user topics, for services that print
 * names (instructors in the catalog, students on certificates). On `user.erased` the name goes and
 * the id is remembered, so a replay of the user's old registration cannot bring it back.
 */
export async function createDisplayNameTables(db: Knex): Promise<void> {
  await db.schema.createTable('display_names', (table) => {
    table.uuid('user_id').primary();
    table.text('full_name').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.schema.createTable('erased_users', (table) => {
    table.uuid('user_id').primary();
    table.timestamp('erased_at', { useTz: true }).notNullable();
  });
}

export async function dropDisplayNameTables(db: Knex): Promise<void> {
  await db.schema.dropTable('erased_users');
  await db.schema.dropTable('display_names');
}

/**
 * Keeps a display name unless the user was erased or a later fact set it: registrations and
 * profile changes arrive on two topics, so a replay may read them in either order.
 */
async function keepName(db: Db, userId: string, fullName: string, at: Date): Promise<void> {
  await db.raw(
    `insert into display_names (user_id, full_name, updated_at)
     select ?, ?, ? where not exists (select 1 from erased_users where user_id = ?)
     on conflict (user_id) do update set full_name = excluded.full_name, updated_at = excluded.updated_at
     where display_names.updated_at <= excluded.updated_at`,
    [userId, fullName, at, userId],
  );
}

const keepNameOf: EventHandler<'user.registered' | 'user.profile_updated', ReplicaContext> = (event, { trx }) =>
  keepName(trx, event.userId, event.fullName, new Date(event.occurredAt));

/** The display-name replica, declared once for the live services and `sc rebuild`. */
export const displayNameReplica: Replica = {
  name: 'display-names',
  description: 'Display names from user.registered and user.profile_updated, and the ids user.erased purged.',
  tables: [
    { name: 'display_names', key: ['user_id'] },
    { name: 'erased_users', key: ['user_id'] },
  ],
  listeners: [
    on('user.registered', keepNameOf),
    on('user.profile_updated', keepNameOf),
    on('user.erased', async (event, { trx, log }: ReplicaContext) => {
      await trx('erased_users')
        .insert({ user_id: event.userId, erased_at: new Date(event.occurredAt) })
        .onConflict('user_id')
        .ignore();
      await trx('display_names').where({ user_id: event.userId }).delete();
      log.info({ userId: event.userId }, 'display name purged');
    }),
  ],
};

/** A person's display name; null when unknown or erased. */
export async function displayNameOf(db: Db, userId: string): Promise<string | null> {
  const row = (await db('display_names').select('full_name').where({ user_id: userId }).first()) as { full_name: string } | undefined;
  return row?.full_name ?? null;
}
