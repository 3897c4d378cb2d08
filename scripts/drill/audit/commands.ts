import { commandKinds, type CommandKind, type Entry, type Learner } from '../ledger.js';
import type { Stores } from './stores.js';

export interface CommandRow {
  kind: CommandKind;
  accepted: number;
  applied: number;
  lost: number;
  rejected: number;
  unanswered: number;
}

/** Whether an accepted command's effect is in its owner's state: the inbox entry (written in the same transaction) and the state itself. */
function applied(entry: Entry, stores: Stores): boolean {
  const { learner } = entry;
  const succeeded = entry.commandId !== undefined && stores.commandResults.get(entry.commandId) === 'succeeded';
  const enrollment = learner.enrollmentId ? stores.enrollments.get(learner.enrollmentId) : undefined;
  switch (entry.kind) {
    case 'sign-up':
      return stores.users.has(learner.email);
    case 'profile change':
      return succeeded;
    case 'enrollment':
      return succeeded && enrollment !== undefined;
    // Synchronous calls to the payment service (its order, its provider's page, its refund through the provider): the order is the proof.
    case 'order':
      return [...stores.orders.values()].some((order) => order.studentId === learner.userId && order.courseId === entry.subject);
    case 'payment':
      return ['paid', 'refunded'].includes(stores.orders.get(entry.subject)?.status ?? '');
    case 'refund': {
      const order = stores.orders.get(entry.subject);
      return order?.status === 'refunded' && order.refunded;
    }
    case 'lesson completion':
      return succeeded && (enrollment?.completedLessonIds.includes(entry.subject) ?? false);
    // Synchronous calls to the course service, not commands on Kafka: the attempt itself is the proof.
    case 'quiz attempt':
      return entry.attemptId !== undefined && stores.attempts.has(entry.attemptId);
    case 'quiz submission':
      return stores.attempts.get(entry.subject)?.submitted ?? false;
    case 'certificate request':
      return succeeded && stores.certificates.some((certificate) => certificate.enrollmentId === entry.subject);
  }
}

/** Accepted commands against their effects, per kind; `lost` lists what was accepted and is not there. */
export function auditCommands(entries: readonly Entry[], learners: readonly Learner[], stores: Stores): { rows: CommandRow[]; lost: string[] } {
  const lost: string[] = [];
  const rows = commandKinds.map((kind): CommandRow => {
    const row: CommandRow = { kind, accepted: 0, applied: 0, lost: 0, rejected: 0, unanswered: 0 };
    for (const entry of entries.filter((candidate) => candidate.kind === kind)) {
      if (entry.outcome === 'rejected') row.rejected += 1;
      if (entry.outcome === 'unanswered') row.unanswered += 1;
      if (entry.outcome !== 'accepted') continue;
      row.accepted += 1;
      if (applied(entry, stores)) row.applied += 1;
      else {
        row.lost += 1;
        lost.push(`${kind} ${entry.subject} of ${entry.learner.email} (command ${entry.commandId ?? 'without id'})`);
      }
    }
    return row;
  });
  // The profile shows the last accepted change, or one sent after it whose answer never came (it may have been applied).
  for (const learner of learners) {
    const changes = entries.filter((entry) => entry.learner === learner && entry.kind === 'profile change');
    const last = changes.map((entry) => entry.outcome).lastIndexOf('accepted');
    if (last < 0) continue;
    const possible = changes
      .slice(last)
      .filter((entry, i) => i === 0 || entry.outcome === 'unanswered')
      .map((entry) => entry.subject);
    const bio = stores.users.get(learner.email)?.bio ?? null;
    if (bio === null || !possible.includes(bio))
      lost.push(`the profile of ${learner.email} shows ${JSON.stringify(bio)}, not its last accepted bio ${JSON.stringify(possible[0])}`);
  }
  return { rows, lost };
}
