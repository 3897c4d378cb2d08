import { randomUUID } from 'node:crypto';
import type { ChangeRole, DeactivateUser, EraseUser, ReactivateUser, TopicRecords, UpdateProfile } from '@smartcourse/contracts';
import {
  appendToOutbox,
  causedBy,
  claimMessage,
  deletePublishedFor,
  eventRecord,
  resultRecord,
  tombstoneRecord,
  type IncomingMessage,
  type Knex,
  type EventTopic,
  type Logger,
  type MessageContext,
  type OutboxRelay,
  type OutgoingRecord,
} from '@smartcourse/platform';
import { removeInstructorProfile } from '../instructors/removal.js';
import { removeMfa } from '../mfa/removal.js';
import { eraseUserSessions, revokeUserSessions } from '../sessions/revocation.js';
import { decideDeactivation, decideErasure, decideProfileUpdate, decideReactivation, decideRoleChange, erasedIdentity, type Decision, type User } from './rules.js';
import { eraseIdentity, findById, setRole, setStatus, updateProfile } from './store.js';

export const COMMAND_GROUP = 'user';

export interface CommandDeps {
  db: Knex;
  relay: OutboxRelay;
}

interface Command {
  commandId: string;
  userId: string;
  actor: { userId: string; role: string };
}

/** Topics holding personal data keyed by user id: erasure tombstones each of them. */
export const PERSONAL_DATA_TOPICS = ['user.registered', 'user.profile_updated', 'instructor.profile_updated'] as const;

/**
 * Runs one command in one transaction: inbox claim, load the user, decide, apply, then the
 * events and the command result into the outbox. A redelivered command does nothing.
 */
export async function runUserCommand<C extends Command, T>(
  deps: CommandDeps,
  message: IncomingMessage,
  log: Logger,
  commandType: string,
  decide: (user: User | undefined, command: C) => Decision<T>,
  apply: (trx: Knex.Transaction, user: User, change: T, command: C, context: MessageContext) => Promise<OutgoingRecord[]>,
): Promise<void> {
  const command = message.value as unknown as C;
  const context = causedBy(message.headers, command.commandId);
  const applied = await deps.db.transaction(async (trx) => {
    if (!(await claimMessage(trx, COMMAND_GROUP, command.commandId))) return false;
    const user = await findById(trx, command.userId, { forUpdate: true });
    const decision = decide(user, command);
    const result = { commandId: command.commandId, commandType, aggregateId: command.userId, occurredAt: Date.now() };
    if (decision.kind === 'rejected') {
      const { rejection } = decision;
      const details = rejection.details === undefined ? null : JSON.stringify(rejection.details);
      await appendToOutbox(trx, command.userId, [
        resultRecord({ ...result, status: 'failed', errorCode: rejection.code, errorMessage: rejection.message, errorDetails: details }, { service: 'user', context }),
      ]);
      log.info({ commandId: command.commandId, commandType, code: rejection.code }, 'command rejected');
      return true;
    }
    const records = decision.kind === 'accepted' && user ? await apply(trx, user, decision.change, command, context) : [];
    await appendToOutbox(trx, command.userId, [
      ...records,
      resultRecord({ ...result, status: 'succeeded', errorCode: null, errorMessage: null, errorDetails: null }, { service: 'user', context }),
    ]);
    return true;
  });
  if (applied) deps.relay.wake();
  else log.info({ commandId: command.commandId, commandType }, 'duplicate command ignored');
}

/** An event about a user, stamped with a fresh id and the current time. */
function event<T extends EventTopic>(topic: T, value: Omit<TopicRecords[T], 'eventId' | 'occurredAt'>, userId: string, context: MessageContext) {
  const stamped = { eventId: randomUUID(), occurredAt: Date.now(), ...value } as TopicRecords[T];
  return eventRecord(topic, stamped, { service: 'user', key: userId, context });
}

export const handleUpdateProfile = (deps: CommandDeps, message: IncomingMessage, log: Logger) =>
  runUserCommand<UpdateProfile, { fullName: string; bio: string | null }>(
    deps,
    message,
    log,
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

export const handleChangeRole = (deps: CommandDeps, message: IncomingMessage, log: Logger) =>
  runUserCommand<ChangeRole, { role: User['role']; previousRole: User['role'] }>(deps, message, log, 'ChangeRole', decideRoleChange, async (trx, user, change, command, context) => {
    await setRole(trx, user.id, change.role);
    return [event('user.role_changed', { userId: user.id, role: change.role, previousRole: change.previousRole, by: command.actor.userId }, user.id, context)];
  });

export const handleDeactivateUser = (deps: CommandDeps, message: IncomingMessage, log: Logger) =>
  runUserCommand<DeactivateUser, { status: 'deactivated' }>(deps, message, log, 'DeactivateUser', decideDeactivation, async (trx, user, change, command, context) => {
    await setStatus(trx, user.id, change.status);
    await revokeUserSessions(trx, user.id);
    return [event('user.deactivated', { userId: user.id, reason: command.reason, by: command.actor.userId }, user.id, context)];
  });

export const handleReactivateUser = (deps: CommandDeps, message: IncomingMessage, log: Logger) =>
  runUserCommand<ReactivateUser, { status: 'active' }>(deps, message, log, 'ReactivateUser', decideReactivation, async (trx, user, change, command, context) => {
    await setStatus(trx, user.id, change.status);
    return [event('user.reactivated', { userId: user.id, by: command.actor.userId }, user.id, context)];
  });

/** Erasure: personal data replaced or deleted in the store, tombstones on every personal-data topic, then the fact. */
export const handleEraseUser = (deps: CommandDeps, message: IncomingMessage, log: Logger) =>
  runUserCommand<EraseUser, { status: 'erased' }>(deps, message, log, 'EraseUser', decideErasure, async (trx, user, _change, command, context) => {
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
