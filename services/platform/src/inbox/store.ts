import type { Knex } from 'knex';

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
