import { randomUUID } from 'node:crypto';
import type { UpdateInstructorProfile } from '@smartcourse/contracts';
import { eventRecord, type Pipeline } from '@smartcourse/platform';
import { userCommand } from '../users/commands.js';
import { decideInstructorProfile, type InstructorProfile } from './rules.js';
import { saveProfile } from './store.js';

export const updateInstructorProfileHandler = (pipeline: Pipeline) =>
  userCommand<UpdateInstructorProfile, InstructorProfile>(
    pipeline,
    'UpdateInstructorProfile',
    decideInstructorProfile,
    async (trx, user, profile, _command, context) => {
      await saveProfile(trx, profile);
      return [
        eventRecord(
          'instructor.profile_updated',
          { eventId: randomUUID(), occurredAt: Date.now(), userId: user.id, title: profile.title, bio: profile.bio, expertise: profile.expertise },
          { service: 'user', key: user.id, context },
        ),
      ];
    },
  );
