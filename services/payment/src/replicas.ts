import type { Replica } from '@smartcourse/platform';
import { courseReplica } from './courses/replica.js';
import { enrollmentReplica } from './enrollments/replica.js';

/** The read models this service keeps from other services' topics alone (`sc rebuild payment <name>`). */
export const replicas: readonly Replica[] = [courseReplica, enrollmentReplica];
