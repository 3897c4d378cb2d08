import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { urlSigner } from './content/signing.js';
import { contentStore } from './content/store.js';
import { SERVICE } from './files/events.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

/** The media service: every uploaded byte, its metadata, and signed links to it. */
export function mediaService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, pipeline, logger }) {
      const signer = urlSigner(config.INTERNAL_API_TOKEN);
      const content = contentStore(config, signer);
      await content.prepare();
      return {
        subscriptions: subscriptions(pipeline),
        jobs: jobs({ db, store: content.objects }, config),
        routes: apiRoutes({ db, relay: pipeline.relay, store: content.objects, content, signer, log: logger, linkTtlSeconds: config.MEDIA_LINK_TTL_SECONDS }),
      };
    },
  };
}
