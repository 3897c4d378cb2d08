import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { certificateIdOf } from '@smartcourse/contracts';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, readTopic } from '../support/kafka.js';
import { completeCourse, enroll, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { openStream, type SseStream } from '../support/sse.js';

/** The live push end to end: the learning journey's notifications reach a stream through the gateway. */
let course: PublishedCourse;
const streams: SseStream[] = [];

usePlatform();
beforeAll(async () => {
  const instructor = await newInstructor(await newAdmin(), 'Streamer');
  course = await publishedCourse(instructor.token);
}, 180_000);
afterAll(async () => {
  streams.forEach((stream) => stream.close());
  await closeKafka();
});

async function open(options: Parameters<typeof openStream>[0]): Promise<SseStream> {
  const stream = await openStream(options);
  expect(stream.status).toBe(200);
  streams.push(stream);
  await stream.waitFor((received) => received.some((item) => item.kind === 'event' && item.event === 'unread'));
  return stream;
}

/** The student's whole inbox in stream order (by seq; the list itself is newest first by time). */
async function inbox(token: string): Promise<{ id: string; seq: number; category: string }[]> {
  const answer = await api('GET', '/api/notifications?per_page=100', { token });
  expect(answer.status).toBe(200);
  return [...(answer.body.data as { id: string; seq: number; category: string }[])].sort((a, b) => a.seq - b.seq);
}

const notificationsOf = (stream: SseStream) =>
  stream.events('notification').map((event) => event.data.notification as { id: string; seq: number; category: string });
/** The position a connection started at: the id of its first `unread`. */
const startOf = (stream: SseStream) => Number(stream.events('unread')[0]!.id);
/** The notifications a connection replayed: those before its first `unread`. */
const replayedBy = (stream: SseStream) => {
  const events = stream.events();
  return events
    .slice(
      0,
      events.findIndex((event) => event.event === 'unread'),
    )
    .map((event) => event.data.notification as { id: string; seq: number });
};

describe('the notification stream through the gateway', () => {
  it('pushes the certificate notification within a second of certificate.issued', async () => {
    const student = await newUser('Live');
    const stream = await open({ token: student.token });

    const enrollmentId = await completeCourse(course, student.token);
    await stream.waitFor(() => notificationsOf(stream).some((notification) => notification.category === 'certificate'), 30_000);

    const arrived = stream.events('notification').find((event) => event.data.notification.category === 'certificate')!;
    const [issued] = (await readTopic('certificate.issued')).filter((record) => record.key === certificateIdOf(enrollmentId));
    expect(issued).toBeDefined();
    expect(arrived.at - issued!.timestamp).toBeLessThan(1000);
    expect(arrived.id).toBe(String(arrived.data.notification.seq));
    expect(arrived.data.unreadCount).toBeGreaterThanOrEqual(1);

    // What the stream carried is the inbox after the position it started at (the welcome may be before), each once, in order.
    const seqs = notificationsOf(stream).map((notification) => notification.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const since = (await inbox(student.token)).filter((notification) => notification.seq > startOf(stream));
    expect(notificationsOf(stream).map((notification) => notification.id)).toEqual(since.map((notification) => notification.id));
  });

  it('replays exactly the missed notifications when it reconnects with Last-Event-ID, none twice, none lost', async () => {
    const student = await newUser('Resume');
    const collected: { id: string; seq: number }[] = [];

    // Connected for the first notification of the journey, then gone while the rest of it happens.
    const first = await open({ token: student.token });
    const journey = completeCourse(course, student.token);
    await first.waitFor(() => notificationsOf(first).length >= 1, 20_000);
    first.close();
    collected.push(...notificationsOf(first));
    const lastSeen = first.lastEventId()!;
    expect(lastSeen).toBe(String(collected.at(-1)!.seq));
    await journey;

    const missed = await eventually(
      async () => (await inbox(student.token)).filter((notification) => notification.seq > Number(lastSeen)),
      (found) => found.some((notification) => notification.category === 'certificate'),
      30_000,
    );
    expect(missed.length).toBeGreaterThanOrEqual(2);

    // The header, as an EventSource sends it on reconnect: what came meanwhile, up to the position it reports.
    const second = await open({ token: student.token, lastEventId: lastSeen });
    const replayed = (await inbox(student.token)).filter((notification) => notification.seq > Number(lastSeen) && notification.seq <= startOf(second));
    expect(replayedBy(second).map((notification) => notification.id)).toEqual(replayed.map((notification) => notification.id));
    expect(replayed.map((notification) => notification.id)).toEqual(expect.arrayContaining(missed.map((notification) => notification.id)));
    collected.push(...notificationsOf(second));
    second.close();

    // The query parameter, for clients that cannot set headers, from the last position; kept open until the inbox is all there.
    const third = await open({ token: student.token, query: `?lastEventId=${second.lastEventId()}` });
    const everything = (await inbox(student.token)).filter((notification) => notification.seq > startOf(first));
    await third.waitFor(() => Number(third.lastEventId()) >= everything.at(-1)!.seq, 5000);
    collected.push(...notificationsOf(third));
    expect(collected.map((notification) => notification.id)).toEqual(everything.map((notification) => notification.id));
    expect(new Set(collected.map((notification) => notification.seq)).size).toBe(collected.length);
  });

  it('starts a connection without Last-Event-ID from now: the unread count at the newest position, no replay', async () => {
    const student = await newUser('Fresh');
    const enrolled = await enroll(student.token, course.courseId);
    expect(enrolled.status).toBe(201);
    // The welcome and the enrollment notifications, both there before the stream opens.
    const before = await eventually(
      () => inbox(student.token),
      (found) => ['account', 'enrollment'].every((category) => found.some((notification) => notification.category === category)),
      20_000,
    );

    const stream = await open({ token: student.token });
    expect(replayedBy(stream)).toEqual([]);
    const unread = (await api('GET', '/api/notifications/unread-count', { token: student.token })).body.data.count as number;
    expect(stream.events('unread')[0]).toMatchObject({ id: String(before.at(-1)!.seq), data: { unreadCount: unread } });

    // A read is pushed as the new count, without an id.
    expect((await api('POST', '/api/notifications/read-all', { token: student.token })).status).toBe(200);
    await stream.waitFor(() => stream.events('unread').some((event) => event.data.unreadCount === 0 && event.id === undefined), 5000);
  });
});
