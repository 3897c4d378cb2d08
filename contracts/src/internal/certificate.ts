import {
  Certificate,
  CertificateList,
  CertificateListQuery,
  CertificateParams,
  JwkSet,
  SignedCredential,
  Verification,
  VerificationParams,
} from '../http/certificates.js';
import { EnrollmentParams } from '../http/enrollments.js';
import { internalEndpoint } from './endpoint.js';

/** The certificate service's internal API: reads of certificates and their credentials (issuing and revoking are commands). */

export const MyCertificatesEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/certificates/mine',
  query: CertificateListQuery,
  response: CertificateList,
});

/** Public: anyone holding the code. A revoked certificate answers as revoked, an unknown code 404. */
export const VerifyCertificateEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/certificates/verify/:code',
  params: VerificationParams,
  response: Verification,
});

/** Public: the signed Bitstring Status List, a VC-JWT (`application/vc+jwt`). */
export const StatusListEndpoint = internalEndpoint({ method: 'get', path: '/internal/certificates/status-list' });

/** Public: the JWK Set that verifies the credentials, not inside `{ data }`. */
export const JwksEndpoint = internalEndpoint({ method: 'get', path: '/internal/jwks', response: JwkSet });

export const CertificateEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/certificates/:certificateId',
  params: CertificateParams,
  response: Certificate,
});

/** The certificate as a PDF (`application/pdf`). */
export const CertificatePdfEndpoint = internalEndpoint({ method: 'get', path: '/internal/certificates/:certificateId/pdf', params: CertificateParams });

export const CertificateCredentialEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/certificates/:certificateId/credential',
  params: CertificateParams,
  response: SignedCredential,
});

/** The read-back of a request to issue: the enrollment's certificate, for its student and admins. */
export const EnrollmentCertificateEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/enrollments/:enrollmentId/certificate',
  params: EnrollmentParams,
  response: Certificate,
});
