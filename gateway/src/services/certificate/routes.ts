import {
  Certificate,
  CertificateCredentialEndpoint,
  CertificateEndpoint,
  CertificatePdfEndpoint,
  EnrollmentCertificateEndpoint,
  EnrollmentEndpoint,
  JwksEndpoint,
  MyCertificatesEndpoint,
  StatusListEndpoint,
  VerifyCertificateEndpoint,
  CertificateList,
  CertificateListQuery,
  CertificateParams,
  EnrollmentParams,
  JwkSet,
  RevokeRequest,
  SignedCredential,
  Verification,
  VerificationParams,
  type Enrollment,
} from '@smartcourse/contracts';
import { conflict, notFound } from '@smartcourse/platform';
import { actorOf } from '../../auth/middleware.js';
import type { CommandBus } from '../../commands/bus.js';
import { respondToCommand } from '../../commands/respond.js';
import { commandResponses } from '../../commands/responses.js';
import { sendCommand } from '../../commands/send.js';
import type { InternalClient } from '../../internal-client.js';
import { forward, onBehalfOf, relay } from '../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../routing/spec.js';

const notFoundError: ErrorSpec = { code: 'CERTIFICATE_NOT_FOUND' };

/** Certificates: reads are queries to the certificate service, issuing and revoking commands on `certificate.commands`. */
export function certificateServiceRoutes(deps: { certificates: InternalClient; enrollments: InternalClient; bus: CommandBus }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/certificates/mine',
      summary: 'My certificates, newest first',
      tag: 'certificates',
      access: ['student'],
      request: { query: CertificateListQuery },
      responses: { 200: { description: 'One page of my certificates', body: CertificateList } },
      handler: ({ query }, res) => forward(res, deps.certificates, MyCertificatesEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/certificates/verify/:code',
      summary: 'Verify a certificate by its code (public, rate limited per IP): valid, or revoked with date and reason',
      tag: 'certificates',
      access: 'public',
      rateLimit: 'verification',
      request: { params: VerificationParams },
      responses: { 200: { description: 'What the certificate states, and whether it still holds', body: Verification } },
      errors: [{ code: 'CERTIFICATE_NOT_FOUND', description: 'No certificate has this code.' }],
      handler: ({ params }, res) => forward(res, deps.certificates, VerifyCertificateEndpoint, { params }),
    }),
    route({
      method: 'get',
      path: '/api/certificates/status-list',
      summary: 'The revocation list of the Open Badges credentials: a signed W3C Bitstring Status List (VC-JWT)',
      tag: 'certificates',
      access: 'public',
      responses: { 200: { description: "A VC-JWT; a certificate's bit (its statusListIndex) is 1 once revoked", mediaType: 'application/vc+jwt' } },
      handler: (_input, res) => forward(res, deps.certificates, StatusListEndpoint, {}),
    }),
    route({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: 'The public keys that verify the Open Badges credentials (JWK Set)',
      tag: 'certificates',
      access: 'public',
      responses: { 200: { description: 'The JWK Set: the current signing key and earlier ones still trusted', body: JwkSet, raw: true } },
      handler: (_input, res) => forward(res, deps.certificates, JwksEndpoint, {}),
    }),
    route({
      method: 'get',
      path: '/api/certificates/:certificateId',
      summary: 'One certificate (its student, admins)',
      tag: 'certificates',
      access: 'authenticated',
      request: { params: CertificateParams },
      responses: { 200: { description: 'The certificate, with its verification code and URL', body: Certificate } },
      errors: [notFoundError],
      handler: ({ params }, res) => forward(res, deps.certificates, CertificateEndpoint, { params }),
    }),
    route({
      method: 'get',
      path: '/api/certificates/:certificateId/pdf',
      summary: 'The certificate as a PDF (its student, admins)',
      tag: 'certificates',
      access: 'authenticated',
      request: { params: CertificateParams },
      responses: { 200: { description: 'The PDF: one A4 landscape page', mediaType: 'application/pdf' } },
      errors: [notFoundError],
      handler: ({ params }, res) => forward(res, deps.certificates, CertificatePdfEndpoint, { params }),
    }),
    route({
      method: 'get',
      path: '/api/certificates/:certificateId/credential',
      summary: 'The certificate as an Open Badges 3.0 credential, signed as a VC-JWT (its student, admins)',
      tag: 'certificates',
      access: 'authenticated',
      request: { params: CertificateParams },
      responses: { 200: { description: 'The VC-JWT and the credential it carries', body: SignedCredential } },
      errors: [notFoundError],
      handler: ({ params }, res) => forward(res, deps.certificates, CertificateCredentialEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/enrollments/:enrollmentId/certificate',
      summary: 'The certificate of a completed enrollment: issued now if it has not been yet, else the existing one',
      tag: 'certificates',
      access: ['student', 'admin'],
      command: true,
      request: { params: EnrollmentParams },
      responses: commandResponses(200, 'The certificate', Certificate),
      errors: [{ code: 'ENROLLMENT_NOT_FOUND' }, { code: 'ENROLLMENT_NOT_COMPLETED' }],
      async handler({ params: { enrollmentId } }, res) {
        const actor = actorOf(res);
        // enrollment-progress owns completion: its answer is what the certificate states.
        const answer = await deps.enrollments.call(EnrollmentEndpoint, { params: { enrollmentId }, ...onBehalfOf(res) });
        if (answer.status !== 200) return relay(res, answer);
        const enrollment = (answer.body as { data: Enrollment }).data;
        // The course's instructor may read the enrollment, but the certificate is the student's.
        if (actor.role !== 'admin' && enrollment.studentId !== actor.userId) throw notFound('ENROLLMENT_NOT_FOUND', 'No such enrollment.');
        if (enrollment.status !== 'completed' || !enrollment.completedAt) throw conflict('ENROLLMENT_NOT_COMPLETED', 'The enrollment is not completed yet.');
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.certificate.IssueCertificate', 'enrollmentId', {
          enrollmentId,
          studentId: enrollment.studentId,
          courseId: enrollment.courseId,
          completedAt: Date.parse(enrollment.completedAt),
          scorePercent: enrollment.scorePercent,
        });
        await respondToCommand(res, status, () => forward(res, deps.certificates, EnrollmentCertificateEndpoint, { params: { enrollmentId } }));
      },
    }),
    route({
      method: 'post',
      path: '/api/certificates/:certificateId/revoke',
      summary: 'Revoke a certificate, with a reason (admin); final',
      tag: 'certificates',
      access: ['admin'],
      command: true,
      request: { params: CertificateParams, body: RevokeRequest },
      responses: commandResponses(200, 'The revoked certificate', Certificate),
      errors: [notFoundError, { code: 'CERTIFICATE_ALREADY_REVOKED' }],
      async handler({ params: { certificateId }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.certificate.RevokeCertificate', 'certificateId', {
          certificateId,
          reason: body.reason,
        });
        await respondToCommand(res, status, () => forward(res, deps.certificates, CertificateEndpoint, { params: { certificateId } }));
      },
    }),
  ];
}
