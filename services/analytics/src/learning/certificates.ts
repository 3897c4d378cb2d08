import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export async function keepIssued(db: Db, fact: { certificateId: string; studentId: string; courseId: string; issuedAt: Date }): Promise<void> {
  await db.raw(
    `insert into certificates (certificate_id, student_id, course_id, issued_at) values (?, ?, ?, ?)
     on conflict (certificate_id) do update set issued_at = excluded.issued_at`,
    [fact.certificateId, fact.studentId, fact.courseId, fact.issuedAt],
  );
}

export async function keepRevoked(db: Db, fact: { certificateId: string; studentId: string; courseId: string; revokedAt: Date }): Promise<void> {
  await db.raw(
    `insert into certificates (certificate_id, student_id, course_id, revoked_at) values (?, ?, ?, ?)
     on conflict (certificate_id) do update set revoked_at = excluded.revoked_at`,
    [fact.certificateId, fact.studentId, fact.courseId, fact.revokedAt],
  );
}
