import type { Knex } from 'knex';
import type { CommandResult } from '@smartcourse/contracts';
import { outboxInsert, type OutboxEntry } from '../outbox/store.js';

/**
 * Records that a consumer group handled a message, in the same transaction as the effect.
 * Returns false when the message was handled before: the caller skips the effect.
 */
export async function claimMessage(trx: Knex.Transaction, consumerGroup: string, messageId: string): Promise<boolean> {
  const inserted = await trx('inbox')
    .insert({ consumer_group: consumerGroup, message_id: messageId })
    .onConflict(['consumer_group', 'message_id'])
    .ignore()
    .returning('message_id');
  return inserted.length === 1;
}

/** The result kept with a handled command's inbox entry; null when there is none. */
export async function storedResult(trx: Knex.Transaction, consumerGroup: string, commandId: string): Promise<CommandResult | null> {
  const row = await trx('inbox').where({ consumer_group: consumerGroup, message_id: commandId }).first<{ result: CommandResult | null } | undefined>('result');
  return row?.result ?? null;
}

/**
 * Keeps a command's result with its inbox entry (so a redelivery or a retry gets it again) and
 * appends the records it publishes (its events and its result) to the outbox, in one round trip:
 * the command's last statement before its commit.
 */
export async function keepResultAndAppend(trx: Knex.Transaction, consumerGroup: string, result: CommandResult, entries: readonly OutboxEntry[]): Promise<void> {
  const keep = {
    sql: 'update inbox set result = ?::jsonb where consumer_group = ? and message_id = ?',
    bindings: [JSON.stringify(result), consumerGroup, result.commandId],
  };
  const { sql, bindings } = outboxInsert(entries, keep);
  await trx.raw(sql, bindings);
}
