import { displayNameReplica, type Replica } from '@smartcourse/platform';
import { enrollmentReplica } from './enrollments/handlers.js';

/** The read models this service keeps from other services' topics alone (`sc rebuild course <name>`). */
export const replicas: readonly Replica[] = [enrollmentReplica, displayNameReplica];
