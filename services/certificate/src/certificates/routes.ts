import { Router } from 'express';
import {
  CertificateEndpoint,
  CertificatePdfEndpoint,
  EnrollmentCertificateEndpoint,
  MyCertificatesEndpoint,
  VerifyCertificateEndpoint,
} from '@smartcourse/contracts';
import { actorOf, notFound, pageMeta, serveEndpoint, type Actor } from '@smartcourse/platform';
import { titlesOf } from '../courses/store.js';
import { certificatePdf, namesOf, type CertificatePdfDeps } from './document.js';
import { mayRead, type Certificate } from './rules.js';
import { findByCode, findByEnrollment, findCertificate, listOfStudent } from './store.js';
import { certificateView, verificationView } from './views.js';

export type CertificateRouteDeps = CertificatePdfDeps;

/** Reads of certificates for the gateway (issuing and revoking go through certificate.commands). */
export function certificateRoutes(deps: CertificateRouteDeps): Router {
  const router = Router();
  const { db } = deps;
  const missing = () => notFound('CERTIFICATE_NOT_FOUND', 'No such certificate.');

  /** The certificate if the actor may read it; to anyone else it does not exist (404, never 403). */
  async function readable(certificateId: string, actor: Actor): Promise<Certificate> {
    const certificate = await findCertificate(db, certificateId);
    if (!certificate || !mayRead(certificate, actor)) throw missing();
    return certificate;
  }

  const view = async (certificate: Certificate) =>
    certificateView(certificate, (await titlesOf(db, [certificate.courseId])).get(certificate.courseId) ?? null, deps.publicAppUrl);

  serveEndpoint(router, MyCertificatesEndpoint, async ({ query }, res) => {
    const { entries, total } = await listOfStudent(db, actorOf(res).userId, query);
    const titles = await titlesOf(
      db,
      entries.map((entry) => entry.courseId),
    );
    res.json({
      data: entries.map((entry) => certificateView(entry, titles.get(entry.courseId) ?? null, deps.publicAppUrl)),
      meta: pageMeta(query.page, query.per_page, total),
    });
  });

  /** Public: anyone holding the code. A revoked certificate answers as revoked, an unknown code 404. */
  serveEndpoint(router, VerifyCertificateEndpoint, async ({ params: { code } }, res) => {
    const certificate = await findByCode(db, code);
    if (!certificate) throw notFound('CERTIFICATE_NOT_FOUND', 'No certificate has this verification code.');
    res.json({ data: verificationView(certificate, await namesOf(db, certificate)) });
  });

  serveEndpoint(router, CertificateEndpoint, async ({ params: { certificateId } }, res) => {
    res.json({ data: await view(await readable(certificateId, actorOf(res))) });
  });

  serveEndpoint(router, CertificatePdfEndpoint, async ({ params: { certificateId } }, res) => {
    const certificate = await readable(certificateId, actorOf(res));
    const pdf = await certificatePdf(deps, certificate);
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${certificate.number}.pdf"`);
    res.send(pdf);
  });

  /** The read-back of a request to issue: the enrollment's certificate, for its student and admins. */
  serveEndpoint(router, EnrollmentCertificateEndpoint, async ({ params: { enrollmentId } }, res) => {
    const certificate = await findByEnrollment(db, enrollmentId);
    if (!certificate || !mayRead(certificate, actorOf(res))) throw missing();
    res.json({ data: await view(certificate) });
  });

  return router;
}
