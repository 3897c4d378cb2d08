import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { processSpec, topics } from '@smartcourse/contracts';
import { eventually } from '../../support/eventually.js';
import { api, newUser } from '../../support/http.js';
import { caughtUp, closeKafka, kafka } from '../../support/kafka.js';
import { completeCourse, publishedCourse } from '../../support/learning.js';
import { mailTo } from '../../support/mail.js';
import { newAdmin, newInstructor } from '../../support/people.js';
import { usePlatform } from '../../support/platform.js';
import { sc, scJson } from '../../support/sc.js';

/** The groups replayed: each consumes events other services publish, and each has effects a second pass must not repeat. */
const GROUPS = ['enrollment-progress', 'certificate', 'notification'] as const;

interface Plan {
  group: string;
  executed: boolean;
  reread: number;
  moves: { topic: string; partition: number; current: number | null; target: number; reread: number }[];
}

const platform = usePlatform();
/** The replays go back to here: every record of this file's journeys (a day of the whole run's records would take minutes). */
let started: string;
let students: { id: string; email: string; token: string }[] = [];
let instructor: { email: string; token: string };

beforeAll(async () => {
  started = new Date().toISOString();
  const admin = await newAdmin();
  instructor = await newInstructor(admin, 'Replayed');
  const course = await publishedCourse(instructor.token);
  students = [await newUser('ReplayA'), await newUser('ReplayB')];
  for (const student of students) await completeCourse(course, student.token);
}, 240_000);
afterAll(async () => {
  await closeKafka();
});

const consumed = (group: string) => processSpec(group).consumes;
const allCaughtUp = async () => (await Promise.all(GROUPS.map((group) => caughtUp(group, consumed(group))))).every(Boolean);

/** Committed offsets of a group, `topic/partition` → offset. */
async function committed(group: string): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const entries = await admin.fetchOffsets({ groupId: group, topics: [...consumed(group)] });
    return Object.fromEntries(entries.flatMap((entry) => entry.partitions.map((p) => [`${entry.topic}/${p.partition}`, Number(p.offset)])));
  } finally {
    await admin.disconnect();
  }
}

/** End offsets of every event topic: a replay that published anything would move them. */
async function eventEnds(): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends: Record<string, number> = {};
    for (const topic of topics.filter((t) => t.kind === 'event')) {
      for (const p of await admin.fetchTopicOffsets(topic.name)) ends[`${topic.name}/${p.partition}`] = Number(p.high);
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** What the three services hold for the people of this test, read through the gateway and the mail sink. */
async function state() {
  const people = [...students, instructor];
  return {
    mails: await Promise.all(people.map(async (person) => (await mailTo(person.email)).map((mail) => mail.subject).sort())),
    inboxes: await Promise.all(
      people.map(async (person) =>
        ((await api('GET', '/api/notifications?per_page=100', { token: person.token })).body.data as { id: string; kind: string }[])
          .map((n) => `${n.kind}:${n.id}`)
          .sort(),
      ),
    ),
    enrollments: await Promise.all(students.map(async (student) => (await api('GET', '/api/enrollments/mine', { token: student.token })).body.data)),
    certificates: await Promise.all(students.map(async (student) => (await api('GET', '/api/certificates/mine', { token: student.token })).body.data)),
  };
}

describe('sc replay', () => {
  it('refuses a group with members, naming them', async () => {
    const run = await sc(['replay', '--group', 'notification', '--by-duration', '1d', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/group notification is \w+ with 1 member\(s\): notification at /);
  });

  it('replays the events of real journeys to three stopped groups and changes no state, sends no mail and publishes nothing', async () => {
    // Quiescence first: every group has read everything and the mail of the journeys has gone.
    expect(await eventually(allCaughtUp, Boolean, 60_000)).toBe(true);
    await eventually(
      async () => (await mailTo(students[1]!.email)).length,
      (count) => count >= 6,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const before = await state();
    const endsBefore = await eventEnds();
    expect(before.certificates.every((list: unknown[]) => list.length === 1)).toBe(true);

    for (const group of GROUPS) await platform.process(group).stop();

    // A dry run shows the plan and moves nothing.
    const offsetsBefore = await committed('notification');
    const dry = await scJson<Plan>(['replay', '--group', 'notification', '--by-duration', '1d']);
    expect(dry.executed).toBe(false);
    expect(dry.reread).toBeGreaterThan(0);
    for (const move of dry.moves) {
      const offset = offsetsBefore[`${move.topic}/${move.partition}`] ?? -1;
      expect(move.current).toBe(offset >= 0 ? offset : null);
    }
    expect(await committed('notification')).toEqual(offsetsBefore);

    for (const group of GROUPS) {
      const plan = await scJson<Plan>(['replay', '--group', group, '--to-datetime', started, '--execute']);
      expect(plan.executed).toBe(true);
      expect(plan.reread).toBeGreaterThan(0);
      const moved = await committed(group);
      for (const move of plan.moves) expect(moved[`${move.topic}/${move.partition}`]).toBe(move.target);
    }

    for (const group of GROUPS) await platform.restart(group);
    expect(await eventually(allCaughtUp, Boolean, 120_000)).toBe(true);
    // The mail dispatcher works after the consumer: give a duplicate time to be sent.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await state()).toEqual(before);
    expect(await eventEnds()).toEqual(endsBefore);
  }, 300_000);

  it('names what is wrong with its flags', async () => {
    const both = await sc(['replay', '--group', 'notification', '--to-earliest', '--by-duration', '1d']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('exactly one of');
    const unknown = await sc(['replay', '--group', `nobody-${Date.now()}`, '--to-earliest']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('knows no consumer group');
    const badTopic = await sc(['replay', '--group', 'notification', '--to-earliest', '--topic', 'no.such.topic']);
    expect(badTopic.code).toBe(1);
    expect(badTopic.stderr).toContain('no topic "no.such.topic"');
  });
});
