import type { Knex } from '@smartcourse/platform';

/** Notes a provider's event as handled; false when it was already (a webhook delivered again). */
export async function claimProviderEvent(trx: Knex.Transaction, event: { provider: string; id: string; type: string }): Promise<boolean> {
  const claimed = await trx('provider_events')
    .insert({ provider: event.provider, event_id: event.id, type: event.type, received_at: new Date() })
    .onConflict(['provider', 'event_id'])
    .ignore()
    .returning('event_id');
  return claimed.length === 1;
}
