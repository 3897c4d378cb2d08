import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import mongoose from 'mongoose';
import { deadLetterTopic, processes } from '@smartcourse/contracts';
import { env as local, repoRoot } from '../../test/support/env.js';
import { caughtUp } from '../../test/support/kafka.js';
import { newAdmin, newInstructor } from '../../test/support/people.js';
import { auditCommands } from './audit/commands.js';
import { auditEffects, type SinkMail } from './audit/effects.js';
import { auditEvents, journeyEvents } from './audit/events.js';
import { auditPayments } from './audit/payments.js';
import { readStores, type StoreUrls } from './audit/stores.js';
import { createGatewayClient } from './client.js';
import { publishCourse, type ChaosCourse } from './courses.js';
import { allFaults, type FaultId } from './faults.js';
import type { Fleet } from './fleet.js';
import { inShare, newLearner, runJourney } from './journey.js';
import type { Entry, Learner } from './ledger.js';
import { createProber, type ProbeActor } from './probes.js';
import { quiescence } from './quiescence.js';
import type { ChaosReport, FaultResult } from './report.js';
import { markEnds, readWindow } from './window.js';

export interface ChaosOptions {
  /** How long the mix runs; the faults are spread over it. */
  durationMs: number;
  /** Learners on their way at once. */
  workers: number;
  thinkMs: number;
  courses: number;
  /** The share of learners (0..1) who buy a paid course instead of enrolling in a free one. */
  buyerShare: number;
  /** The share of buyers (0..1) who ask for a refund before studying, and stop there. */
  refundShare: number;
  faults: readonly FaultId[];
  /** A killed process's restart delay. */
  downMs: number;
  databaseOutageMs: number;
  /** How long a client tries one command before it gives up. */
  commandDeadlineMs: number;
  recoveryTimeoutMs: number;
  settleTimeoutMs: number;
}

export interface ChaosEnv {
  root: string;
  gatewayUrl: string;
  kafkaBrokers: string[];
  registryUrl: string;
  mongoUrl: string;
  mailApiUrl: string;
  databases: StoreUrls;
}

/** The servers of the environment (the dev or test profile's env file, else the local defaults). */
export const localChaosEnv = (): ChaosEnv => ({
  root: repoRoot,
  gatewayUrl: local.gatewayUrl,
  kafkaBrokers: local.kafkaBrokers,
  registryUrl: local.registryUrl,
  mongoUrl: local.mongoUrl,
  mailApiUrl: local.mailApiUrl,
  databases: {
    user: local.userDatabaseUrl,
    course: local.courseDatabaseUrl,
    enrollment: local.enrollmentDatabaseUrl,
    certificate: local.certificateDatabaseUrl,
    payment: local.paymentDatabaseUrl,
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sinkMails(mailApiUrl: string, addresses: Set<string>): Promise<SinkMail[]> {
  const response = await fetch(`${mailApiUrl}/email`);
  if (!response.ok) throw new Error(`the mail sink answered ${response.status}`);
  const all = (await response.json()) as SinkMail[];
  return all.filter((mail) => mail.to.some((to) => addresses.has(to.address.toLowerCase())));
}

/**
 * The chaos run: a steady mix of learners through the gateway while the faults are injected one
 * after another, then quiescence, then every accepted command, event and effect counted.
 */
export async function runChaos(deps: { fleet: Fleet; env: ChaosEnv; log(message: string): void }, options: ChaosOptions): Promise<ChaosReport> {
  const { env, log } = deps;
  const kafka = new Kafka({ clientId: 'smartcourse-chaos', brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const registry = new SchemaRegistry({ host: env.registryUrl });
  const notifications = mongoose.createConnection(env.mongoUrl, { dbName: 'smartcourse_notification' });
  const client = createGatewayClient(env.gatewayUrl, { deadlineMs: options.commandDeadlineMs, requestTimeoutMs: 15_000 });
  const learners: Learner[] = [];
  const entries: Entry[] = [];
  await admin.connect();
  await notifications.asPromise();
  try {
    log('setting up: an admin, an instructor, the courses, a probe learner');
    const platformAdmin = await newAdmin();
    const instructor = await newInstructor(platformAdmin, 'ChaosInstructor');
    const courses: ChaosCourse[] = [];
    for (let i = 0; i < options.courses; i++) courses.push(await publishCourse(client, instructor.token));
    // Half as many paid courses, at least one when anyone buys: the buyers spread over them.
    const paidCourses: ChaosCourse[] = [];
    const paidCount = options.buyerShare > 0 ? Math.ceil(options.courses / 2) : 0;
    for (let i = 0; i < paidCount; i++) paidCourses.push(await publishCourse(client, instructor.token, 1900 + 100 * i));
    const replicaTopics = { 'enrollment-progress': ['course.published', 'course.structure_changed'], payment: ['course.published'] };
    for (const [service, topics] of Object.entries(replicaTopics)) {
      for (let i = 0; !(await caughtUp(service, topics)); i++) {
        if (i > 300) throw new Error(`${service} did not read the published courses within a minute`);
        await sleep(200);
      }
    }
    const probeLearner = newLearner(-1, courses[0]!);
    await runJourney(probeLearner, { client, record: () => undefined, thinkMs: 0, waitMs: 30_000 });
    if (probeLearner.stoppedAt) throw new Error(`the probe learner's journey stopped: ${probeLearner.stoppedAt}`);
    const actor: ProbeActor = { token: probeLearner.token!, enrollmentId: probeLearner.enrollmentId!, course: courses[0]!, instructorToken: instructor.token };
    const prober = createProber(client, actor, { tryMs: 5_000 });

    const marked = [...Object.keys(journeyEvents), ...processes.map((spec) => deadLetterTopic(spec.name))];
    const marks = await markEnds(admin, marked);

    const enrollmentDb = new URL(env.databases.enrollment);
    const faults = allFaults({
      fleet: deps.fleet,
      root: env.root,
      downMs: options.downMs,
      databaseOutageMs: options.databaseOutageMs,
      relayDatabaseUrl: env.databases.enrollment,
      nudgeRelay: () => prober.attempt('enrollment-progress'),
      database: { service: 'enrollment-progress', name: enrollmentDb.pathname.slice(1) },
      log,
    }).filter((fault) => options.faults.includes(fault.id));

    const started = Date.now();
    let loadOver = false;
    let next = 0;
    let buyers = 0;
    const workers = Array.from({ length: options.workers }, async () => {
      while (!loadOver) {
        const buys = inShare(next, options.buyerShare);
        const learner = buys
          ? newLearner(next, paidCourses[buyers % paidCourses.length]!, { refunds: inShare(buyers, options.refundShare) })
          : newLearner(next, courses[next % courses.length]!);
        next += 1;
        if (buys) buyers += 1;
        learners.push(learner);
        await runJourney(learner, { client, record: (entry) => entries.push(entry), thinkMs: options.thinkMs, waitMs: options.commandDeadlineMs });
      }
    });
    const results: FaultResult[] = [];
    const spacing = options.durationMs / (faults.length + 1);
    for (const [i, fault] of faults.entries()) {
      await sleep(Math.max(0, started + (i + 1) * spacing - Date.now()));
      let at = Date.now();
      log(`${((at - started) / 1000).toFixed(0)} s: ${fault.name}`);
      try {
        await fault.inject(() => (at = Date.now()));
        const back = Date.now();
        const recoveryMs = await prober.recovered(fault.probes, options.recoveryTimeoutMs);
        results.push({ name: fault.name, atS: (at - started) / 1000, outageMs: back - at, recoveryMs });
        log(
          `  back after ${((back - at) / 1000).toFixed(1)} s, probes through ${recoveryMs === undefined ? 'NOT' : `${(recoveryMs / 1000).toFixed(1)} s`} later`,
        );
      } catch (error) {
        results.push({ name: fault.name, atS: (at - started) / 1000, outageMs: Date.now() - at, recoveryMs: undefined, error: (error as Error).message });
        log(`  failed: ${(error as Error).message}`);
      }
    }
    await sleep(Math.max(0, started + options.durationMs - Date.now()));
    loadOver = true;
    log(`load over after ${((Date.now() - started) / 1000).toFixed(0)} s; waiting for the journeys on their way`);
    await Promise.all(workers);

    const recipients = () => learners.flatMap((learner) => (learner.userId ? [learner.userId] : []));
    const databaseUrls = {
      user: env.databases.user,
      course: env.databases.course,
      'enrollment-progress': env.databases.enrollment,
      certificate: env.databases.certificate,
      payment: env.databases.payment,
    };
    const settled = await quiescence({ admin, databaseUrls, notifications, recipients }, options.settleTimeoutMs);
    log(`${settled.settled ? 'settled' : 'NOT settled'} after ${(settled.ms / 1000).toFixed(1)} s: ${JSON.stringify(settled.last)}`);

    const window = await readWindow({ kafka, admin, registry }, marks);
    const commandIds = entries.flatMap((entry) => (entry.commandId ? [entry.commandId] : []));
    const stores = await readStores(env.databases, notifications, learners, commandIds);
    const mails = await sinkMails(env.mailApiUrl, new Set(learners.map((learner) => learner.email.toLowerCase())));
    const commands = auditCommands(entries, learners, stores);
    const events = auditEvents(window, stores);
    const effects = auditEffects(window, stores, mails);
    const payments = auditPayments(window, stores, mails);
    const deadLetters = processes
      .map((spec) => deadLetterTopic(spec.name))
      .map((topic) => ({ topic, records: window.filter((record) => record.topic === topic).length }));
    const lostFacts = [...commands.lost, ...events.missing, ...effects.missing, ...payments.missing];
    const duplicateFacts = [...events.duplicates, ...effects.duplicates, ...payments.duplicates];
    const effectRows = [...effects.rows, ...payments.rows];
    return {
      learners: learners.length,
      finished: learners.filter((learner) => learner.stoppedAt === undefined && !learner.purchase?.refunds).length,
      buyers: learners.filter((learner) => learner.purchase).length,
      refunders: learners.filter((learner) => learner.purchase?.refunds).length,
      commands: commands.rows,
      events: events.rows,
      effects: effectRows,
      deadLetters,
      faults: results,
      settled: settled.settled,
      settleMs: settled.ms,
      lost: lostFacts.length,
      duplicates: events.rows.reduce((sum, row) => sum + row.duplicates, 0) + effectRows.reduce((sum, row) => sum + row.duplicates, 0),
      details: [
        ...lostFacts.slice(0, 20).map((fact) => `lost: ${fact}`),
        ...duplicateFacts.slice(0, 20).map((fact) => `duplicate: ${fact}`),
        ...entries
          .filter((entry) => entry.outcome === 'rejected')
          .slice(0, 10)
          .map((entry) => `rejected: ${entry.kind} ${entry.subject} of ${entry.learner.email}: ${entry.error}`),
        ...learners
          .filter((l) => l.stoppedAt)
          .slice(0, 10)
          .map((l) => `stopped: ${l.email}: ${l.stoppedAt}`),
      ],
    };
  } finally {
    await admin.disconnect();
    await notifications.close();
  }
}
