import type { Replica } from '@smartcourse/platform';
import { activityReplica } from './activity/replica.js';
import { courseReplica } from './courses/replica.js';
import { learningReplica } from './learning/replica.js';
import { peopleReplica } from './people/replica.js';
import { salesReplica } from './sales/replica.js';

/** Every table the reports read, each kept from topics alone (`sc rebuild analytics <name>`). */
export const replicas: readonly Replica[] = [peopleReplica, courseReplica, learningReplica, salesReplica, activityReplica];
