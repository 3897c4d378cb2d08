import type { WindowRecord } from '../window.js';
import type { Stores } from './stores.js';

/** The event topics of a learner's journey, and what makes one event of each: applied twice means two ids for one of these. */
export const journeyEvents = {
  'user.registered': (value: Record<string, unknown>) => String(value.userId),
  'user.profile_updated': undefined,
  'enrollment.created': (value: Record<string, unknown>) => String(value.enrollmentId),
  'lesson.completed': (value: Record<string, unknown>) => `${value.enrollmentId}/${value.lessonId}`,
  'quiz.attempt_graded': (value: Record<string, unknown>) => String(value.attemptId),
  'enrollment.completed': (value: Record<string, unknown>) => String(value.enrollmentId),
  'certificate.issued': (value: Record<string, unknown>) => String(value.enrollmentId),
  'order.paid': (value: Record<string, unknown>) => String(value.orderId),
  'order.refunded': (value: Record<string, unknown>) => String(value.orderId),
  'enrollment.refunded': (value: Record<string, unknown>) => String(value.enrollmentId),
} as const;
export type JourneyTopic = keyof typeof journeyEvents;

export interface EventRow {
  topic: string;
  /** Records in the run's window, and the distinct event ids among them. */
  records: number;
  ids: number;
  /** The same event id again: a relay's resend after a crash, which consumers' inboxes ignore. */
  republished: number;
  /** One fact of the run's learners (an enrollment completed…) under two event ids: applied twice. */
  duplicates: number;
  /** A fact in the owner's state with no event for it. */
  missing: number;
}

const learnerOf = (value: Record<string, unknown> | null, ids: Set<string>) =>
  value !== null && (ids.has(String(value.studentId)) || ids.has(String(value.userId)));

/** Events the run published, counted by id, each fact of the run's learners expected once. */
export function auditEvents(window: readonly WindowRecord[], stores: Stores): { rows: EventRow[]; duplicates: string[]; missing: string[] } {
  const userIds = new Set([...stores.users.values()].map((user) => user.id));
  const duplicates: string[] = [];
  const missing: string[] = [];
  const expected: Record<JourneyTopic, string[]> = {
    'user.registered': [...userIds],
    'user.profile_updated': [],
    'enrollment.created': [...stores.enrollments.keys()],
    'lesson.completed': [...stores.enrollments.values()].flatMap((enrollment) => enrollment.completedLessonIds.map((lesson) => `${enrollment.id}/${lesson}`)),
    'quiz.attempt_graded': [...stores.attempts].filter(([, attempt]) => attempt.submitted).map(([id]) => id),
    'enrollment.completed': [...stores.enrollments.values()].filter((enrollment) => enrollment.status === 'completed').map((enrollment) => enrollment.id),
    'certificate.issued': stores.certificates.map((certificate) => certificate.enrollmentId),
    'order.paid': [...stores.orders.values()].filter((order) => ['paid', 'refunded'].includes(order.status)).map((order) => order.id),
    'order.refunded': [...stores.orders.values()].filter((order) => order.status === 'refunded').map((order) => order.id),
    'enrollment.refunded': [...stores.enrollments.values()].filter((enrollment) => enrollment.status === 'refunded').map((enrollment) => enrollment.id),
  };
  const rows = (Object.keys(journeyEvents) as JourneyTopic[]).map((topic): EventRow => {
    const records = window.filter((record) => record.topic === topic);
    const ids = new Set(records.map((record) => record.eventId));
    const factOf = journeyEvents[topic];
    const idsPerFact = new Map<string, Set<string | undefined>>();
    if (factOf) {
      for (const record of records) {
        if (!learnerOf(record.value, userIds)) continue;
        const fact = factOf(record.value!);
        idsPerFact.set(fact, (idsPerFact.get(fact) ?? new Set()).add(record.eventId));
      }
    }
    let duplicated = 0;
    for (const [fact, factIds] of idsPerFact) {
      if (factIds.size > 1) {
        duplicated += factIds.size - 1;
        duplicates.push(`${topic} ${fact} under ${factIds.size} event ids`);
      }
    }
    const absent = expected[topic].filter((fact) => !idsPerFact.has(fact));
    for (const fact of absent) missing.push(`no ${topic} for ${fact}`);
    return { topic, records: records.length, ids: ids.size, republished: records.length - ids.size, duplicates: duplicated, missing: absent.length };
  });
  return { rows, duplicates, missing };
}
