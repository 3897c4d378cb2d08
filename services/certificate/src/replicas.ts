import { displayNameReplica, type Replica } from '@smartcourse/platform';
import { courseReplica } from './courses/handlers.js';

/** The read models this service keeps from other services' topics alone (`sc rebuild certificate <name>`); a rebuild deletes no PDF. */
export const replicas: readonly Replica[] = [courseReplica, displayNameReplica];
