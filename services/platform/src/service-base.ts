import type { ProcessName } from '@smartcourse/contracts';
import type { Migration } from './db/postgres.js';
import { schedulerSettings } from './jobs/config.js';
import { placementOf } from './placement.js';
import type { KitConfig } from './service.js';

/** The variables of `baseConfig`, `outboxConfig` and `jobsConfig` a Postgres service's definition reads. */
export interface PostgresServiceConfig extends KitConfig {
  OUTBOX_RELAY_ENABLED: boolean;
  OUTBOX_POLL_INTERVAL_MS: number;
  JOBS_ENABLED: boolean;
  JOBS_SUPERVISE_INTERVAL_SECONDS: number;
  JOBS_CRON_INTERVAL_SECONDS: number;
}

/**
 * What every Postgres service's definition shares: its HTTP address and database from the
 * topology, its migrations, its outbox relay and its scheduler (in the same database). A service
 * adds its `wire`.
 */
export function postgresServiceBase<C extends PostgresServiceConfig>(name: ProcessName, config: C, migrations: readonly Migration[]) {
  const placement = placementOf(name, config);
  return {
    name,
    config,
    http: placement.http,
    postgres: {
      url: placement.postgresUrl,
      migrations,
      relayEnabled: config.OUTBOX_RELAY_ENABLED,
      relayPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    },
    scheduler: schedulerSettings(config, placement.postgresUrl),
  };
}
