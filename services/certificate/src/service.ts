import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { loadSigningKeys } from './credentials/keys.js';
import { createCredentialSigner } from './credentials/signing.js';
import { createFileStore } from './document/files.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'certificate';

/** The certificate service: one certificate per completed enrollment, its PDF, and its public verification. */
export function certificateService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, pipeline }) {
      const files = createFileStore(config.CERTIFICATE_FILES_DIR);
      const publicAppUrl = config.PUBLIC_APP_URL.replace(/\/+$/, '');
      const keys = await loadSigningKeys({
        privateJwk: config.CERTIFICATE_SIGNING_JWK,
        previousPublicJwks: config.CERTIFICATE_PREVIOUS_PUBLIC_JWKS,
        keyDirectory: config.CERTIFICATE_KEY_DIR,
        jwksUrl: `${publicAppUrl}/.well-known/jwks.json`,
      });
      const issuer = { id: publicAppUrl, name: 'SmartCourse' };
      return {
        subscriptions: subscriptions({ pipeline, files }),
        jobs: jobs(db, config),
        routes: apiRoutes({
          db,
          files,
          publicAppUrl,
          renderPauseMs: config.CERTIFICATE_RENDER_PAUSE_MS,
          keys,
          signer: createCredentialSigner(keys.current),
          issuer,
        }),
      };
    },
  };
}
