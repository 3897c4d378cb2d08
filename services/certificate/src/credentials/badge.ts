/**
 * A certificate as an Open Badges 3.0 `OpenBadgeCredential` (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/),
 * a W3C Verifiable Credential 2.0 its student holds and shows to anyone, who verifies it with our
 * public JWK Set and checks revocation in our status list, without asking us about the student.
 *
 * The student is `credentialSubject.id` (`urn:uuid:<studentId>`, the JWT's `sub`) and, while the
 * name is known, an `IdentityObject` of type `name`: OB 3.0 has no `name` on AchievementSubject,
 * the recipient's name travels as an identifier. No email, ever. After erasure the name is gone
 * from credentials issued from then on; one already handed out keeps what it said, as paper would.
 */
import type { IssuerProfile } from './issuer.js';
import { credentialDateTime } from './signing.js';
import { revocationStatusEntry, type BitstringStatusListEntry } from './status-list.js';

export const verifiableCredentialsContext = 'https://www.w3.org/ns/credentials/v2';
export const openBadgesContext = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const achievementCredentialSchema = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface CertificateFacts {
  readonly certificateId: string;
  /** 'SC-2026-000123' */
  readonly number: string;
  /** The 123 of the number: the certificate's bit in the status list. */
  readonly sequenceNumber: number;
  readonly studentId: string;
  /** null after the student's erasure */
  readonly studentName: string | null;
  readonly courseId: string;
  readonly courseTitle: string;
  readonly courseSummary: string | null;
  readonly instructorName: string | null;
  readonly issuedAt: Date | string;
  readonly completedAt: Date | string;
  readonly scorePercent: number | null;
  readonly verificationUrl: string;
}

export interface IdentityObject {
  readonly type: 'IdentityObject';
  readonly identityType: 'name';
  readonly hashed: false;
  readonly identityHash: string;
}

export interface ResultDescription {
  readonly id: string;
  readonly type: readonly ['ResultDescription'];
  readonly name: string;
  readonly resultType: 'Percent';
  readonly valueMin: string;
  readonly valueMax: string;
}

export interface Achievement {
  readonly id: string;
  readonly type: readonly ['Achievement'];
  readonly achievementType: 'CertificateOfCompletion';
  readonly name: string;
  readonly description: string;
  readonly criteria: { readonly narrative: string };
  readonly resultDescription?: readonly ResultDescription[];
}

export interface AchievementSubject {
  readonly id: string;
  readonly type: readonly ['AchievementSubject'];
  readonly activityEndDate: string;
  readonly identifier?: readonly IdentityObject[];
  readonly result?: readonly { readonly type: readonly ['Result']; readonly resultDescription: string; readonly value: string }[];
  readonly achievement: Achievement;
}

export interface OpenBadgeCredential {
  readonly '@context': readonly [typeof verifiableCredentialsContext, typeof openBadgesContext];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', 'OpenBadgeCredential'];
  readonly name: string;
  readonly description: string;
  readonly issuer: { readonly id: string; readonly type: readonly ['Profile']; readonly name: string };
  readonly validFrom: string;
  readonly credentialSubject: AchievementSubject;
  readonly credentialStatus: BitstringStatusListEntry;
  readonly credentialSchema: readonly { readonly id: string; readonly type: '1EdTechJsonSchemaValidator2019' }[];
}

export function openBadgeCredential(facts: CertificateFacts, issuer: IssuerProfile, baseUrl: string): OpenBadgeCredential {
  return {
    '@context': [verifiableCredentialsContext, openBadgesContext],
    id: `urn:uuid:${facts.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${facts.courseTitle}: certificate of completion`,
    description: descriptionOf(facts),
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    validFrom: credentialDateTime(facts.issuedAt),
    credentialSubject: subjectOf(facts, baseUrl),
    credentialStatus: revocationStatusEntry(facts.sequenceNumber, baseUrl),
    credentialSchema: [{ id: achievementCredentialSchema, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

function subjectOf(facts: CertificateFacts, baseUrl: string): AchievementSubject {
  const achievement = achievementOf(facts, baseUrl);
  const score = achievement.resultDescription?.[0];
  return {
    id: `urn:uuid:${facts.studentId}`,
    type: ['AchievementSubject'],
    activityEndDate: credentialDateTime(facts.completedAt),
    ...(facts.studentName !== null && { identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.studentName }] }),
    ...(score && facts.scorePercent !== null && { result: [{ type: ['Result'], resultDescription: score.id, value: String(facts.scorePercent) }] }),
    achievement,
  };
}

function achievementOf(facts: CertificateFacts, baseUrl: string): Achievement {
  // The course's public page is the achievement: it describes what was learned, for everyone.
  const id = `${baseUrl.replace(/\/+$/, '')}/api/courses/${encodeURIComponent(facts.courseId)}`;
  return {
    id,
    type: ['Achievement'],
    achievementType: 'CertificateOfCompletion',
    name: facts.courseTitle,
    description: facts.courseSummary ?? `The SmartCourse course "${facts.courseTitle}".`,
    criteria: { narrative: 'Completed every required lesson of the course; a quiz lesson counts as completed once its quiz is passed at the pass mark.' },
    ...(facts.scorePercent !== null && {
      resultDescription: [
        { id: `${id}#score`, type: ['ResultDescription'], name: "Mean of the course's quiz grades", resultType: 'Percent', valueMin: '0', valueMax: '100' },
      ],
    }),
  };
}

function descriptionOf(facts: CertificateFacts): string {
  const taughtBy = facts.instructorName === null ? '' : `, taught by ${facts.instructorName}`;
  return `Certificate ${facts.number}: completion of the SmartCourse course "${facts.courseTitle}"${taughtBy}. Verify it at ${facts.verificationUrl}.`;
}
