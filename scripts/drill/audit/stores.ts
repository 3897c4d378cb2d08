import type { Connection } from 'mongoose';
import { createDb } from '@smartcourse/platform';
import type { Learner } from '../ledger.js';

/** The owners' state of the run's learners, read straight from their stores after quiescence. */
export interface Stores {
  /** Inbox entries of the commands: command id → result status (`succeeded`, `failed`). */
  commandResults: Map<string, string>;
  users: Map<string, { id: string; bio: string | null }>;
  /** `orderId`: the order that bought the enrollment (kept after its refund), null for a free one. */
  enrollments: Map<string, { id: string; status: string; completedLessonIds: string[]; orderId: string | null }>;
  /** The payment service's orders of the run's learners, and whether the provider completed a refund of each. */
  orders: Map<string, { id: string; studentId: string; courseId: string; status: string; refunded: boolean }>;
  attempts: Map<string, { submitted: boolean }>;
  certificates: Array<{ id: string; enrollmentId: string }>;
  deliveries: Array<{ id: string; eventId: string; userId: string; channel: string; status: string }>;
}

export interface StoreUrls {
  user: string;
  course: string;
  enrollment: string;
  certificate: string;
  payment: string;
}

async function query<T>(url: string, run: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb({ url, poolMax: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

export async function readStores(urls: StoreUrls, notifications: Connection, learners: readonly Learner[], commandIds: readonly string[]): Promise<Stores> {
  const results = async (url: string) =>
    query(url, (db) =>
      db('inbox')
        .whereIn('message_id', [...commandIds])
        .select<Array<{ message_id: string; status: string | null }>>('message_id', db.raw("result->>'status' as status")),
    );
  const commandResults = new Map<string, string>();
  for (const url of Object.values(urls)) for (const row of await results(url)) commandResults.set(row.message_id, row.status ?? 'applied');

  const emails = learners.map((learner) => learner.email);
  const userRows = await query(urls.user, (db) =>
    db('users').whereIn('email', emails).select<Array<{ id: string; email: string; bio: string | null }>>('id', 'email', 'bio'),
  );
  const users = new Map(userRows.map((row) => [row.email, { id: row.id, bio: row.bio }]));
  const userIds = userRows.map((row) => row.id);

  const enrollmentRows = await query(urls.enrollment, (db) =>
    db('enrollments')
      .whereIn('student_id', userIds)
      .select<Array<{ id: string; status: string; completed_lesson_ids: string[]; order_id: string | null }>>(
        'id',
        'status',
        'completed_lesson_ids',
        'order_id',
      ),
  );
  const enrollments = new Map(
    enrollmentRows.map((row) => [row.id, { id: row.id, status: row.status, completedLessonIds: row.completed_lesson_ids, orderId: row.order_id }]),
  );
  const orderRows = await query(urls.payment, (db) =>
    db('orders')
      .leftJoin('refunds', 'refunds.order_id', 'orders.id')
      .whereIn('orders.student_id', userIds)
      .select<Array<{ id: string; student_id: string; course_id: string; status: string; refund_status: string | null }>>(
        'orders.id',
        'orders.student_id',
        'orders.course_id',
        'orders.status',
        'refunds.status as refund_status',
      ),
  );
  const orders = new Map(
    orderRows.map((row) => [
      row.id,
      { id: row.id, studentId: row.student_id, courseId: row.course_id, status: row.status, refunded: row.refund_status === 'succeeded' },
    ]),
  );
  const attemptRows = await query(urls.course, (db) =>
    db('quiz_attempts').whereIn('student_id', userIds).select<Array<{ id: string; submitted_at: Date | null }>>('id', 'submitted_at'),
  );
  const attempts = new Map(attemptRows.map((row) => [row.id, { submitted: row.submitted_at !== null }]));
  const certificates = await query(urls.certificate, (db) =>
    db('certificates').whereIn('student_id', userIds).select<Array<{ id: string; enrollmentId: string }>>('id', 'enrollment_id as enrollmentId'),
  );
  const deliveryDocs = await notifications
    .collection('deliveries')
    .find({ userId: { $in: userIds } }, { projection: { eventId: 1, userId: 1, channel: 1, status: 1 } })
    .toArray();
  const deliveries = deliveryDocs.map((doc) => ({
    id: String(doc._id),
    eventId: String(doc.eventId),
    userId: String(doc.userId),
    channel: String(doc.channel),
    status: String(doc.status),
  }));
  return { commandResults, users, enrollments, orders, attempts, certificates, deliveries };
}
