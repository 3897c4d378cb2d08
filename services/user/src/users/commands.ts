import { randomUUID } from 'node:crypto';
import type { ChangeRole, DeactivateUser, EraseUser, ReactivateUser, TopicRecords, UpdateProfile } from '@smartcourse/contracts';
import {
  commandHandler,
  deletePublishedFor,
  eventRecord,
  tombstoneRecord,
  type CommandEnvelope,
  type CommandHandling,
  type Pipeline,
  type Decision,
  type EventTopic,
  type Knex,
  type MessageContext,
  type OutgoingRecord,
} from '@smartcourse/platform';
import { removeInstructorProfile } from '../instructors/removal.js';
import { removeMfa } from '../mfa/removal.js';
import { eraseUserSessions, revokeUserSessions } from '../sessions/revocation.js';
import { decideDeactivation, decideErasure, decideProfileUpdate, decideReactivation, decideRoleChange, erasedIdentity, type User } from './rules.js';
import { eraseIdentity, findUser, setRole, setStatus, updateProfile } from './store.js';

/** Topics holding personal data keyed by user id: erasure tombstones each of them. */
export const PERSONAL_DATA_TOPICS = ['user.registered', 'user.profile_updated', 'instructor.profile_updated'] as const;

interface UserCommandFields extends CommandEnvelope {
  userId: string;
}

/**
 * A command about one user through the platform's command pipeline: the user row is loaded
 * and locked, and `apply` runs only for a user that exists (every decide refuses a missing one).
 */
export function userCommand<C extends UserCommandFields, T>(
  pipeline: Pipeline,
  commandType: string,
  decide: (user: User | undefined, command: C) => Decision<T>,
  apply: (trx: Knex.Transaction, user: User, change: T, command: C, context: MessageContext) => Promise<OutgoingRecord[]>,
): CommandHandling {
  return commandHandler<C, User, T>(pipeline, {
    commandType,
    aggregateId: (command) => command.userId,
    load: (trx, command) => findUser(trx, command.userId, { forUpdate: true }),
    decide,
    apply: async (trx, { state, change, command, context }) => {
      if (!state) throw new Error(`${commandType} accepted for a missing user ${command.userId}`);
      return apply(trx, state, change, command, context);
    },
  });
}

/** An event about a user, stamped with a fresh id and the current time. */
function event<T extends EventTopic>(topic: T, value: Omit<TopicRecords[T], 'eventId' | 'occurredAt'>, userId: string, context: MessageContext) {
  const stamped = { eventId: randomUUID(), occurredAt: Date.now(), ...value } as TopicRecords[T];
  return eventRecord(topic, stamped, { service: 'user', key: userId, context });
}

export const updateProfileHandler = (pipeline: Pipeline) =>
  userCommand<UpdateProfile, { fullName: string; bio: string | null; avatarFileId: string | null }>(
    pipeline,
    'UpdateProfile',
    (user, command) => {
      const decision = decideProfileUpdate(user, command);
      return decision.kind === 'updated' ? { kind: 'accepted', change: decision } : decision;
    },
    async (trx, user, change, _command, context) => {
      const updated = await updateProfile(trx, user.id, change);
      return [event('user.profile_updated', { userId: updated.id, fullName: updated.fullName, bio: updated.bio }, updated.id, context)];
    },
  );

export const changeRoleHandler = (pipeline: Pipeline) =>
  userCommand<ChangeRole, { role: User['role']; previousRole: User['role'] }>(
    pipeline,
    'ChangeRole',
    decideRoleChange,
    async (trx, user, change, command, context) => {
      await setRole(trx, user.id, change.role);
      return [
        event('user.role_changed', { userId: user.id, role: change.role, previousRole: change.previousRole, by: command.actor.userId }, user.id, context),
      ];
    },
  );

export const deactivateUserHandler = (pipeline: Pipeline) =>
  userCommand<DeactivateUser, { status: 'deactivated' }>(pipeline, 'DeactivateUser', decideDeactivation, async (trx, user, change, command, context) => {
    await setStatus(trx, user.id, change.status);
    await revokeUserSessions(trx, user.id);
    return [event('user.deactivated', { userId: user.id, reason: command.reason, by: command.actor.userId }, user.id, context)];
  });

export const reactivateUserHandler = (pipeline: Pipeline) =>
  userCommand<ReactivateUser, { status: 'active' }>(pipeline, 'ReactivateUser', decideReactivation, async (trx, user, change, command, context) => {
    await setStatus(trx, user.id, change.status);
    return [event('user.reactivated', { userId: user.id, by: command.actor.userId }, user.id, context)];
  });

/** Erasure: personal data replaced or deleted in the store, tombstones on every personal-data topic, then the fact. */
export const eraseUserHandler = (pipeline: Pipeline) =>
  userCommand<EraseUser, { status: 'erased' }>(pipeline, 'EraseUser', decideErasure, async (trx, user, _change, command, context) => {
    await eraseIdentity(trx, user.id, erasedIdentity(user.id));
    await removeInstructorProfile(trx, user.id);
    await removeMfa(trx, user.id);
    await eraseUserSessions(trx, user.id, user.email);
    await deletePublishedFor(trx, user.id);
    return [
      ...PERSONAL_DATA_TOPICS.map((topic) => tombstoneRecord(topic, { key: user.id, context })),
      event('user.erased', { userId: user.id, by: command.actor.userId }, user.id, context),
    ];
  });
