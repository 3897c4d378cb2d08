import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PDFParse } from 'pdf-parse';
import { certificateIdOf } from '@smartcourse/contracts';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { completeCourse, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

/**
 * A PDF rendered while its student is erased. The certificate service holds each freshly rendered
 * PDF for RENDER_PAUSE_MS before it keeps it (CERTIFICATE_RENDER_PAUSE_MS, a fault-test knob), so
 * the erasure lands, deterministically, between the render and the write.
 */
const RENDER_PAUSE_MS = 5000;

let admin: { id: string; token: string };
let course: PublishedCourse;

usePlatform({ env: { certificate: { CERTIFICATE_RENDER_PAUSE_MS: String(RENDER_PAUSE_MS) } } });
beforeAll(async () => {
  admin = await newAdmin();
  course = await publishedCourse((await newInstructor(admin, 'Racer')).token);
}, 180_000);
afterAll(() => closeKafka());

async function downloadPdf(certificateId: string, token: string) {
  const response = await fetch(`${env.gatewayUrl}/api/certificates/${certificateId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status, text: bytes.toString() };
  return { status: response.status, text: (await new PDFParse({ data: bytes }).getText()).text };
}

describe('a certificate PDF rendered while its student is erased', () => {
  it('is never kept with the erased name', async () => {
    const student = await newUser('Raced', { fullName: 'Raced Person' });
    const enrollmentId = await completeCourse(course, student.token);
    const certificate = (
      await eventually(
        () => api('GET', `/api/certificates/${certificateIdOf(enrollmentId)}`, { token: student.token }),
        (answer) => answer.status === 200,
        30_000,
      )
    ).body.data;

    // The first download renders the PDF with the name, then holds it before keeping it …
    const started = Date.now();
    const first = downloadPdf(certificate.id, student.token);
    // … while the student is erased, and the erasure reaches the certificate service.
    expect((await api('DELETE', `/api/admin/users/${student.id}`, { token: admin.token })).status).toBe(200);
    const verified = await eventually(
      () => api('GET', `/api/certificates/verify/${certificate.verificationCode}`),
      (answer) => answer.body.data?.studentName === null,
      20_000,
    );
    expect(verified.body.data.studentName).toBeNull();
    const erasedAfter = Date.now() - started;

    const answered = await first;
    expect(answered.status).toBe(200);
    // The race did happen: the erasure landed while the rendered PDF waited to be kept.
    expect(Date.now() - started).toBeGreaterThanOrEqual(RENDER_PAUSE_MS);
    expect(erasedAfter).toBeLessThan(RENDER_PAUSE_MS);

    const kept = await downloadPdf(certificate.id, admin.token);
    expect(kept.status).toBe(200);
    expect(kept.text).toContain(certificate.number);
    expect(kept.text).not.toContain('Raced Person');
    expect(answered.text).not.toContain('Raced Person');
  });
});
