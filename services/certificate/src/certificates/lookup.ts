import type { Knex } from '@smartcourse/platform';
import { findCertificate, revokedSequences } from './store.js';

type Db = Knex | Knex.Transaction;

/** Certificates for the credential features. */
export const certificateOf = (db: Db, certificateId: string) => findCertificate(db, certificateId);
export const revokedIndexes = (db: Db) => revokedSequences(db);
export { namesOf } from './document.js';
export { mayRead, type Certificate } from './rules.js';
export { verificationUrlOf } from './views.js';
