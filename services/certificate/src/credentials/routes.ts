import { Router } from 'express';
import { CertificateCredentialEndpoint, JwksEndpoint, StatusListEndpoint } from '@smartcourse/contracts';
import { actorOf, notFound, serveEndpoint, unavailable, type Knex } from '@smartcourse/platform';
import { namesOf } from '../certificates/document.js';
import { mayRead } from '../certificates/rules.js';
import { findCertificate, revokedSequences } from '../certificates/store.js';
import { verificationUrlOf } from '../certificates/views.js';
import { findCourse } from '../courses/store.js';
import { openBadgeCredential } from './badge.js';
import type { IssuerProfile } from './issuer.js';
import { publicJwks, type SigningKeys } from './keys.js';
import type { CredentialSigner } from './signing.js';
import { statusListCredential } from './status-list.js';

export interface CredentialRouteDeps {
  db: Knex;
  keys: SigningKeys;
  signer: CredentialSigner;
  issuer: IssuerProfile;
  publicAppUrl: string;
}

/** A VC-JWT's dates are whole seconds. */
const thisSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);

/** Open Badges 3.0: each certificate as a signed credential, the keys that verify it, and the revocation list. */
export function credentialRoutes(deps: CredentialRouteDeps): Router {
  const router = Router();
  const { db } = deps;

  serveEndpoint(router, JwksEndpoint, (_input, res) => {
    res.json(publicJwks(deps.keys));
  });

  /** Public: the signed Bitstring Status List; a certificate's bit (its sequence number) is 1 once revoked. */
  serveEndpoint(router, StatusListEndpoint, async (_input, res) => {
    const list = statusListCredential(await revokedSequences(db), deps.issuer, deps.publicAppUrl, thisSecond());
    res.type('application/vc+jwt').send(await deps.signer.sign(list));
  });

  serveEndpoint(router, CertificateCredentialEndpoint, async ({ params: { certificateId } }, res) => {
    const certificate = await findCertificate(db, certificateId);
    if (!certificate || !mayRead(certificate, actorOf(res))) throw notFound('CERTIFICATE_NOT_FOUND', 'No such certificate.');
    const [names, course] = await Promise.all([namesOf(db, certificate), findCourse(db, certificate.courseId)]);
    if (!course) throw unavailable('The course of this certificate is not known here yet; retry shortly.');
    const credential = openBadgeCredential(
      {
        certificateId: certificate.id,
        number: certificate.number,
        sequenceNumber: certificate.sequence,
        studentId: certificate.studentId,
        studentName: names.studentName,
        courseId: certificate.courseId,
        courseTitle: course.title,
        courseSummary: course.summary,
        instructorName: names.instructorName,
        issuedAt: certificate.issuedAt,
        completedAt: certificate.completedAt,
        scorePercent: certificate.scorePercent,
        verificationUrl: verificationUrlOf(deps.publicAppUrl, certificate.verificationCode),
      },
      deps.issuer,
      deps.publicAppUrl,
    );
    res.json({ data: { format: 'vc+jwt', jwt: await deps.signer.sign(credential), credential } });
  });

  return router;
}
