import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { PDFParse } from 'pdf-parse';
import { certificateIdOf } from '@smartcourse/contracts';
import { isRevoked } from '../../services/certificate/src/credentials/status-list.js';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { completeCourse, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { usePlatform } from '../support/platform.js';

/** A second gateway whose verification limit is low, beside the platform's generous one. */
const STRICT_PORT = 3022;

let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;
let strict: RunningProcess | undefined;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'Certifier');
  strict = await startProcess('gateway', { port: STRICT_PORT, env: { GATEWAY_PORT: String(STRICT_PORT), RATE_LIMIT_VERIFICATION: '3/min' } });
}, 180_000);
afterAll(async () => {
  await strict?.stop();
  await closeKafka();
});

/** A PDF through the gateway, with its text. */
async function downloadPdf(certificateId: string, token: string) {
  const response = await fetch(`${env.gatewayUrl}/api/certificates/${certificateId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status, type: response.headers.get('content-type'), text: '' };
  const parser = new PDFParse({ data: bytes });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return { status: response.status, type: response.headers.get('content-type'), text };
}

const issuedEventsOf = async (certificateId: string) =>
  Promise.all(
    (await readTopic('certificate.issued')).filter((record) => record.key === certificateId).map((record) => decode<Record<string, unknown>>(record)),
  );

/** The certificate the event issues, once it is there. */
const certificateOf = (enrollmentId: string, token: string) =>
  eventually(
    () => api('GET', `/api/certificates/${certificateIdOf(enrollmentId)}`, { token }),
    (answer) => answer.status === 200,
    30_000,
  );

describe('certificates', () => {
  let course: PublishedCourse;
  beforeAll(async () => {
    course = await publishedCourse(instructor.token, { title: `Crème brûlée ${randomBytes(3).toString('hex')}` });
  }, 120_000);

  it('issues one certificate on completion, with a PDF naming the student and the course, that verifies publicly until revoked', async () => {
    const student = await newUser('Lukasz', { fullName: 'Łukasz Żółć' });
    const enrollmentId = await completeCourse(course, student.token);
    const certificate = (await certificateOf(enrollmentId, student.token)).body.data;
    expect(certificate).toMatchObject({
      enrollmentId,
      courseId: course.courseId,
      studentId: student.id,
      status: 'valid',
      courseTitle: course.title,
      scorePercent: 100,
    });
    expect(certificate.number).toMatch(/^SC-\d{4}-\d{6,}$/);
    expect(certificate.verificationCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(certificate.verificationUrl.endsWith(`/api/certificates/verify/${certificate.verificationCode}`)).toBe(true);

    // Asking for it again answers the same certificate.
    const again = await api('POST', `/api/enrollments/${enrollmentId}/certificate`, { token: student.token });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: certificate.id, number: certificate.number });

    const pdf = await downloadPdf(certificate.id, student.token);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    for (const expected of ['Łukasz Żółć', course.title, 'Test Certifier', certificate.number, certificate.verificationUrl])
      expect(pdf.text).toContain(expected);

    const verified = await api('GET', `/api/certificates/verify/${certificate.verificationCode}`);
    expect(verified.status).toBe(200);
    expect(verified.body.data).toMatchObject({
      status: 'valid',
      number: certificate.number,
      studentName: 'Łukasz Żółć',
      courseTitle: course.title,
      instructorName: 'Test Certifier',
      revokedAt: null,
    });

    // One certificate.issued, with ids and the number: no name, no code.
    const events = await eventually(
      () => issuedEventsOf(certificate.id),
      (found) => found.length > 0,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      certificateId: certificate.id,
      enrollmentId,
      studentId: student.id,
      courseId: course.courseId,
      number: certificate.number,
    });
    const raw = JSON.stringify(events[0]);
    expect(raw).not.toContain(certificate.verificationCode);
    expect(raw).not.toContain('Łukasz');

    // The Open Badges credential verifies with the published keys alone, and not after one changed byte.
    const signed = await api('GET', `/api/certificates/${certificate.id}/credential`, { token: student.token });
    expect(signed.status).toBe(200);
    const jwks = await api('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    for (const key of jwks.body.keys) expect(key).not.toHaveProperty('d');
    const keySet = createLocalJWKSet(jwks.body);
    const { payload, protectedHeader } = await jwtVerify(signed.body.data.jwt, keySet);
    expect(protectedHeader).toMatchObject({ typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], jti: `urn:uuid:${certificate.id}`, sub: `urn:uuid:${student.id}` });
    const jwt = signed.body.data.jwt as string;
    const [head, body, signature] = jwt.split('.') as [string, string, string];
    const flipped = (part: string, at: number) => part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
    await expect(jwtVerify(`${head}.${flipped(body, 10)}.${signature}`, keySet)).rejects.toThrow();
    await expect(jwtVerify(`${head}.${body}.${flipped(signature, 5)}`, keySet)).rejects.toThrow();
    const status = (payload as { credentialStatus: { statusListIndex: string; statusListCredential: string } }).credentialStatus;
    const statusList = async () => {
      const response = await fetch(`${env.gatewayUrl}/api/certificates/status-list`);
      expect(response.headers.get('content-type')).toContain('application/vc+jwt');
      const listJwt = await response.text();
      await jwtVerify(listJwt, keySet);
      return (decodeJwt(listJwt) as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList;
    };
    expect(status.statusListCredential.endsWith('/api/certificates/status-list')).toBe(true);
    expect(isRevoked(await statusList(), Number(status.statusListIndex))).toBe(false);

    expect((await api('POST', `/api/certificates/${certificate.id}/revoke`, { token: student.token, body: { reason: 'mine' } })).status).toBe(403);
    const revoked = await api('POST', `/api/certificates/${certificate.id}/revoke`, { token: admin.token, body: { reason: 'Plagiarised quiz answers' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data).toMatchObject({ status: 'revoked', reason: 'Plagiarised quiz answers' });
    const twice = await api('POST', `/api/certificates/${certificate.id}/revoke`, { token: admin.token, body: { reason: 'again' } });
    expect(twice.body.error.code).toBe('CERTIFICATE_ALREADY_REVOKED');
    const afterRevocation = await api('GET', `/api/certificates/verify/${certificate.verificationCode}`);
    expect(afterRevocation.body.data).toMatchObject({ status: 'revoked', reason: 'Plagiarised quiz answers', revokedAt: expect.any(String) });
    expect(isRevoked(await statusList(), Number(status.statusListIndex))).toBe(true);
    const revokedEvents = (await readTopic('certificate.revoked')).filter((record) => record.key === certificate.id);
    expect(revokedEvents).toHaveLength(1);

    const unknown = await api('GET', `/api/certificates/verify/${randomBytes(18).toString('base64url')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await api('GET', '/api/certificates/verify/short')).status).toBe(400);
  });

  it('gives one certificate to concurrent requests racing the event', async () => {
    const student = await newUser('Racer');
    const enrollmentId = await completeCourse(course, student.token);
    const answers = await Promise.all(Array.from({ length: 8 }, () => api('POST', `/api/enrollments/${enrollmentId}/certificate`, { token: student.token })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((answer) => answer.body.data.number)).size).toBe(1);
    const certificateId = answers[0]!.body.data.id as string;
    expect(certificateId).toBe(certificateIdOf(enrollmentId));
    await eventually(
      () => issuedEventsOf(certificateId),
      (found) => found.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second one would show by now
    expect(await issuedEventsOf(certificateId)).toHaveLength(1);
    const mine = await api('GET', '/api/certificates/mine', { token: student.token });
    expect(mine.body.data.map((entry: { id: string }) => entry.id)).toEqual([certificateId]);
  });

  it('refuses an enrollment that is not completed, and keeps each certificate to its student and admins', async () => {
    const student = await newUser('Owner');
    const enrollmentId = await completeCourse(course, student.token);
    const certificate = (await certificateOf(enrollmentId, student.token)).body.data;
    const other = await newUser('Other');
    expect((await api('GET', `/api/certificates/${certificate.id}`, { token: other.token })).status).toBe(404);
    expect((await downloadPdf(certificate.id, other.token)).status).toBe(404);
    expect((await api('POST', `/api/enrollments/${enrollmentId}/certificate`, { token: other.token })).status).toBe(404);
    expect((await api('POST', `/api/enrollments/${enrollmentId}/certificate`, { token: instructor.token })).status).toBe(403);
    expect((await api('GET', `/api/certificates/${certificate.id}`, { token: admin.token })).status).toBe(200);
    expect((await downloadPdf(certificate.id, admin.token)).status).toBe(200);

    const fresh = await newUser('Unfinished');
    const enrolled = await api('POST', '/api/enrollments', { token: fresh.token, body: { courseId: course.courseId } });
    const refused = await api('POST', `/api/enrollments/${enrolled.body.data.id}/certificate`, { token: fresh.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ENROLLMENT_NOT_COMPLETED');
  });

  it('takes the name off the certificate, its verification and its PDF when the student is erased', async () => {
    const student = await newUser('Forgotten', { fullName: 'Forgotten Person' });
    const enrollmentId = await completeCourse(course, student.token);
    const certificate = (await certificateOf(enrollmentId, student.token)).body.data;
    expect((await downloadPdf(certificate.id, student.token)).text).toContain('Forgotten Person');

    expect((await api('DELETE', `/api/admin/users/${student.id}`, { token: admin.token })).status).toBe(200);
    const verified = await eventually(
      () => api('GET', `/api/certificates/verify/${certificate.verificationCode}`),
      (answer) => answer.body.data?.studentName === null,
      20_000,
    );
    expect(verified.body.data).toMatchObject({ status: 'valid', number: certificate.number, courseTitle: course.title });
    const pdf = await downloadPdf(certificate.id, admin.token);
    expect(pdf.text).toContain(certificate.number);
    expect(pdf.text).not.toContain('Forgotten Person');
  });

  it('limits verification per client address', async () => {
    const ip = `2001:db8:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;
    const verify = () =>
      fetch(`http://127.0.0.1:${STRICT_PORT}/api/certificates/verify/${randomBytes(18).toString('base64url')}`, { headers: { 'x-forwarded-for': ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await verify()).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await verify();
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another address is not affected.
    const elsewhere = await fetch(`http://127.0.0.1:${STRICT_PORT}/api/certificates/verify/${randomBytes(18).toString('base64url')}`, {
      headers: { 'x-forwarded-for': '2001:db8::77' },
    });
    expect(elsewhere.status).toBe(404);
  });
});
