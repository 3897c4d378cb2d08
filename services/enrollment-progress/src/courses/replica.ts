import type { Knex, Replica, Subscription } from '@smartcourse/platform';
import { courseFactHandler, structureHandler, type StructureFollowUp } from './handlers.js';

/** What a newer structure leads to beyond the replica. */
export interface StructureConsequences {
  /** In the structure's transaction: the live service recomputes the course's enrollments (their events go to the outbox). */
  followUp: StructureFollowUp;
  /** After the commit: the live service wakes its outbox relay. */
  onCommitted(): void;
}

/** A rebuild refills the replica and nothing else: no enrollment is recomputed, no outbox row written, no relay woken. */
export const replicaOnly: StructureConsequences = { followUp: async () => undefined, onCommitted: () => undefined };

/**
 * The course replica's inputs: the course topics and their handlers, read from the start so a new
 * group (or a rebuild) builds the replica from the whole history. The live subscriptions and the
 * rebuild both take them from here.
 */
export function courseReplicaSubscriptions(db: Knex, consequences: StructureConsequences): Subscription[] {
  return [
    { topic: 'course.published', fromBeginning: true, handle: courseFactHandler(db, 'published') },
    { topic: 'course.unpublished', fromBeginning: true, handle: courseFactHandler(db, 'unpublished') },
    { topic: 'course.archived', fromBeginning: true, handle: courseFactHandler(db, 'archived') },
    { topic: 'course.updated', fromBeginning: true, handle: courseFactHandler(db, 'updated') },
    { topic: 'course.structure_changed', fromBeginning: true, handle: structureHandler(db, consequences.followUp, consequences.onCommitted) },
  ];
}

/** The course replica as `sc rebuild` knows it: its tables, parents first, filled by the replica's subscriptions alone. */
export const courseStructureReplica: Replica = {
  name: 'course-structures',
  description: "Courses' catalog facts and lesson structures, from the course topics.",
  tables: [
    { name: 'courses', key: ['id'] },
    // updated_at is when this replica wrote the row, not a fact of the course
    { name: 'structures', key: ['course_id'], ignore: ['updated_at'] },
    { name: 'structure_lessons', key: ['lesson_id'] },
  ],
  subscriptions: (db) => courseReplicaSubscriptions(db, replicaOnly),
};
