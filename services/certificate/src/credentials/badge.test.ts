import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { openBadgeCredential, type CertificateFacts } from './badge.js';
import { loadSigningKeys, publicJwks } from './keys.js';
import { createCredentialSigner, verifyCredential } from './signing.js';

const baseUrl = 'https://smartcourse.test';
const issuer = { id: 'https://smartcourse.test', name: 'SmartCourse' };

const someFacts = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  certificateId: randomUUID(),
  number: 'SC-2026-000123',
  sequenceNumber: 123,
  studentId: randomUUID(),
  studentName: 'Ada Lovelace',
  courseId: randomUUID(),
  courseTitle: 'Analytical Engines',
  courseSummary: 'Programming the engine with punched cards.',
  instructorName: 'Charles Babbage',
  issuedAt: new Date('2026-11-30T10:15:42.318Z'),
  completedAt: new Date('2026-11-30T10:15:40.002Z'),
  scorePercent: 87,
  verificationUrl: 'https://smartcourse.test/verify/abc',
  ...overrides,
});

const signedAndVerified = async (facts: CertificateFacts) => {
  const keys = await loadSigningKeys({ keyDirectory: join(await mkdtemp(join(tmpdir(), 'sc-badge-')), 'keys'), jwksUrl: `${baseUrl}/.well-known/jwks.json` });
  const jwt = await createCredentialSigner(keys.current).sign(openBadgeCredential(facts, issuer, baseUrl));
  return { jwt, verified: await verifyCredential(jwt, publicJwks(keys)) };
};

describe('the Open Badges 3.0 credential of a certificate', () => {
  it('decodes from its VC-JWT as an OpenBadgeCredential of the student for the course', async () => {
    const facts = someFacts();

    const { jwt, verified } = await signedAndVerified(facts);

    const achievementId = `${baseUrl}/api/courses/${facts.courseId}`;
    expect(verified.credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `urn:uuid:${facts.certificateId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Analytical Engines: certificate of completion',
      description:
        'Certificate SC-2026-000123: completion of the SmartCourse course "Analytical Engines", taught by Charles Babbage. Verify it at https://smartcourse.test/verify/abc.',
      issuer: { id: issuer.id, type: ['Profile'], name: 'SmartCourse' },
      validFrom: '2026-11-30T10:15:42Z',
      credentialSubject: {
        id: `urn:uuid:${facts.studentId}`,
        type: ['AchievementSubject'],
        activityEndDate: '2026-11-30T10:15:40Z',
        identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ada Lovelace' }],
        result: [{ type: ['Result'], resultDescription: `${achievementId}#score`, value: '87' }],
        achievement: {
          id: achievementId,
          type: ['Achievement'],
          achievementType: 'CertificateOfCompletion',
          name: 'Analytical Engines',
          description: 'Programming the engine with punched cards.',
          criteria: { narrative: expect.stringContaining('every required lesson') },
          resultDescription: [
            {
              id: `${achievementId}#score`,
              type: ['ResultDescription'],
              name: "Mean of the course's quiz grades",
              resultType: 'Percent',
              valueMin: '0',
              valueMax: '100',
            },
          ],
        },
      },
      credentialStatus: {
        id: `${baseUrl}/api/certificates/status-list#123`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '123',
        statusListCredential: `${baseUrl}/api/certificates/status-list`,
      },
      credentialSchema: [
        { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' },
      ],
    });
    expect(decodeJwt(jwt)).toMatchObject({
      iss: issuer.id,
      jti: `urn:uuid:${facts.certificateId}`,
      sub: `urn:uuid:${facts.studentId}`,
      nbf: Date.parse('2026-11-30T10:15:42Z') / 1000,
    });
  });

  it('names nobody once the student is erased, and has no score, summary or instructor it does not know', async () => {
    const facts = someFacts({ studentName: null, scorePercent: null, courseSummary: null, instructorName: null });

    const { verified } = await signedAndVerified(facts);

    const subject = verified.credential.credentialSubject as Record<string, unknown>;
    expect(subject).not.toHaveProperty('identifier');
    expect(subject).not.toHaveProperty('result');
    expect(subject.achievement).not.toHaveProperty('resultDescription');
    expect(subject.achievement).toMatchObject({ description: 'The SmartCourse course "Analytical Engines".' });
    expect(verified.credential.description).toBe(
      'Certificate SC-2026-000123: completion of the SmartCourse course "Analytical Engines". Verify it at https://smartcourse.test/verify/abc.',
    );
    expect(JSON.stringify(verified.credential)).not.toContain('Ada Lovelace');
  });

  it('keeps a score of zero', () => {
    const credential = openBadgeCredential(someFacts({ scorePercent: 0 }), issuer, baseUrl);

    expect(credential.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: expect.stringMatching(/#score$/), value: '0' }]);
  });
});
