import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, type IncomingMessage, type Knex } from '@smartcourse/platform';
import type { CommandRecords } from '@smartcourse/contracts';
import { configSchema, type Config } from '../src/config.js';
import { certificateService } from '../src/service.js';
import { log, startInProcess } from '../../../test/support/in-process.js';
import { incoming } from '../../../test/support/messages.js';

const config = loadConfig(configSchema);

export { log };

type CertificateCommand = Extract<keyof CommandRecords, `smartcourse.commands.certificate.${string}`>;
export type Actor = { userId: string; role: string };

/**
 * The certificate service in this process against the real Postgres, Kafka and registry: its
 * subscription handlers called directly, its PDFs and generated key in a directory of its own.
 */
export async function startCertificateService(overrides: Partial<Config> = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'certificate-test-'));
  const { service, handlerOf } = await startInProcess(
    certificateService({
      ...config,
      CERTIFICATE_HTTP_PORT: 0,
      LOG_LEVEL: 'silent',
      CERTIFICATE_FILES_DIR: join(scratch, 'files'),
      CERTIFICATE_KEY_DIR: join(scratch, 'keys'),
      ...overrides,
    }),
  );
  const db = service.kit.db as Knex;

  /** An enrollment event as enrollment-progress publishes it (keyed by the enrollment), to deliver once or more. */
  const enrollmentMessage = (
    topic: 'enrollment.completed' | 'enrollment.refunded',
    fields: Record<string, unknown> & { enrollmentId: string },
  ): IncomingMessage => {
    const eventId = randomUUID();
    const recordName = topic === 'enrollment.completed' ? 'EnrollmentCompleted' : 'EnrollmentRefunded';
    return incoming(
      topic,
      `smartcourse.events.enrollment.${recordName}`,
      { eventId, occurredAt: Date.now(), ...fields },
      { key: fields.enrollmentId, id: eventId },
    );
  };

  async function command<N extends CertificateCommand>(recordName: N, actor: Actor, fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>) {
    const commandId = randomUUID();
    const ids = fields as unknown as { enrollmentId?: string; certificateId?: string };
    const message = incoming(
      'certificate.commands',
      recordName,
      { commandId, issuedAt: Date.now(), actor, ...fields },
      { key: String(ids.enrollmentId ?? ids.certificateId), id: commandId },
    );
    await handlerOf('certificate.commands')(message, log);
    const row = await db('outbox').where({ topic: 'command.results', record_key: commandId }).orderBy('id', 'desc').first();
    return row.value as { status: string; errorCode: string | null };
  }

  return {
    service,
    db,
    enrollmentMessage,
    command,
    deliver: (message: IncomingMessage) => handlerOf(message.topic)(message, log),
    /** The outbox rows of one topic under one key, oldest first. */
    async outbox(topic: string, key: string): Promise<Record<string, any>[]> {
      const rows = (await db('outbox').where({ topic, record_key: key }).orderBy('id')) as { value: Record<string, any> }[];
      return rows.map((row) => row.value);
    },
  };
}
