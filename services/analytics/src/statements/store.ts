import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** Whether this person was erased: no statement of theirs is made or sent any more. */
export async function isErased(db: Db, actorId: string): Promise<boolean> {
  return (await db('statement_erasures').where({ actor_id: actorId }).first()) !== undefined;
}

/** The erased among these people. */
export async function erasedAmong(db: Db, actorIds: readonly string[]): Promise<Set<string>> {
  const rows = (await db('statement_erasures')
    .whereIn('actor_id', [...new Set(actorIds)])
    .select('actor_id')) as Array<{ actor_id: string }>;
  return new Set(rows.map((row) => row.actor_id));
}

/** Remembers a statement made for a person, to void it if they are erased. */
export async function keepStatements(db: Db, statements: ReadonlyArray<{ statementId: string; actorId: string }>): Promise<void> {
  if (statements.length === 0) return;
  await db('statements')
    .insert(statements.map((s) => ({ statement_id: s.statementId, actor_id: s.actorId })))
    .onConflict('statement_id')
    .ignore();
}

/**
 * Locks the statements' rows against an erasure of their people until the sending transaction
 * ends: the erasure locks the same rows first, so a statement is either sent before the erasure
 * (and voided by it) or finds its person erased (and is not sent).
 */
export async function lockStatements(db: Db, statementIds: readonly string[]): Promise<void> {
  await db('statements')
    .whereIn('statement_id', [...statementIds])
    .orderBy('statement_id')
    .forUpdate()
    .select('statement_id');
}

export async function markSent(db: Db, statementIds: readonly string[], at: Date): Promise<void> {
  await db('statements')
    .whereIn('statement_id', [...statementIds])
    .whereNull('sent_at')
    .update({ sent_at: at });
}

/**
 * Records the erasure and answers the person's statements already sent to the LRS (to void them),
 * with every statement row of theirs locked so that no sending is under way meanwhile.
 */
export async function eraseActor(db: Db, actorId: string, at: Date): Promise<string[]> {
  await db.raw(`insert into statement_erasures (actor_id, erased_at) values (?, ?) on conflict do nothing`, [actorId, at]);
  const rows = (await db('statements').where({ actor_id: actorId }).orderBy('statement_id').forUpdate().select('statement_id', 'sent_at')) as Array<{
    statement_id: string;
    sent_at: Date | null;
  }>;
  return rows.filter((row) => row.sent_at !== null).map((row) => row.statement_id);
}
