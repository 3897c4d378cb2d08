import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { urlSigner } from './content/signing.js';
import { contentStore, prepareStore } from './content/store.js';
import { SERVICE } from './files/events.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';
import { renditions } from './renditions/make.js';
import { resumableUploads } from './uploads/resumable.js';

/** The media service: every uploaded byte, its metadata, and signed links to it. */
export function mediaService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, pipeline, logger }) {
      const signer = urlSigner(config.INTERNAL_API_TOKEN);
      const content = contentStore(config, signer);
      const preparing = prepareStore(content, logger);
      const writer = { db, relay: pipeline.relay, store: content.objects, log: logger };
      const previews = renditions(writer);
      const uploads = resumableUploads(
        { ...writer, renditions: previews },
        { directory: config.MEDIA_UPLOADS_DIRECTORY, expireAfterSeconds: config.MEDIA_ABANDONED_UPLOAD_SECONDS },
      );
      return {
        subscriptions: subscriptions(pipeline),
        jobs: jobs({ db, store: content.objects, uploads, renditions: previews }, config),
        close: [{ name: 'store preparation', run: async () => preparing.stop() }],
        routes: apiRoutes({ ...writer, content, signer, uploads, renditions: previews, linkTtlSeconds: config.MEDIA_LINK_TTL_SECONDS }),
      };
    },
  };
}
