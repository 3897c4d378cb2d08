import type { Replica } from '@smartcourse/platform';
import { courseStructureReplica } from './courses/replica.js';
import { gradebookReplica } from './gradebook/replica.js';

/** The read models this service keeps from other services' topics alone (`sc rebuild enrollment-progress <name>`). */
export const replicas: readonly Replica[] = [courseStructureReplica, gradebookReplica];
