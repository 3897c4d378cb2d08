import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { processSpec } from '@smartcourse/contracts';
import { env, repoRoot } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { metricSum } from '../support/metrics.js';
import { usePlatform } from '../support/platform.js';

usePlatform();
let instructor: { token: string };
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'Outage');
}, 120_000);
afterAll(async () => {
  await closeKafka();
});

const mongoPort = Number(new URL(env.mongoUrl).port || 27017);
const refusesConnections = () =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(mongoPort, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

const metric = (name: string) => metricSum(`http://127.0.0.1:${processSpec('course').port}`, name);

describe('a document store outage', () => {
  it('delays a lesson whose body cannot be written, and applies it once the store is back', async () => {
    const course = await api('POST', '/api/courses', {
      token: instructor.token,
      body: { title: 'Glazing', summary: 'Colour and fire.', level: 'beginner', language: 'en', priceCents: 0, currency: 'USD' },
    });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'Glazes' } })).body.data.id as string;
    const waitsBefore = await metric('kafka_consumer_waits_total');

    // FerretDB stopped from outside (its process gone, not only its listener) for 15 s, then started again with its data.
    const restart = spawn('bash', [path.join(repoRoot, 'scripts/restart-server'), 'ferretdb', '--down-for', '15'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const restarted = new Promise<number | null>((resolve) => restart.once('exit', resolve));
    await new Promise<void>((resolve) => restart.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('stays down') && resolve()));
    expect(await refusesConnections()).toBe(true);

    const added = await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
      token: instructor.token,
      body: { title: 'Dipping', kind: 'theory', durationMinutes: 7, body: { markdown: 'Dip for three seconds.' } },
    });
    expect(added.status).toBe(202);
    const commandId = added.headers.get('x-command-id') as string;
    expect((await api('GET', `/api/commands/${commandId}`, { token: instructor.token })).body.data.status).toBe('pending');

    expect(await restarted).toBe(0);
    const done = await eventually(
      () => api('GET', `/api/commands/${commandId}`, { token: instructor.token }),
      (answer) => answer.body.data.status !== 'pending',
      60_000,
    );
    expect(done.body.data.status).toBe('succeeded');
    // The lesson takes the command's id; its body was written before its row.
    const lesson = await api('GET', `/api/lessons/${commandId}`, { token: instructor.token });
    expect(lesson.status).toBe(200);
    expect(lesson.body.data.body.markdown).toBe('Dip for three seconds.');
    expect(await metric('kafka_consumer_waits_total')).toBeGreaterThan(waitsBefore);
  }, 120_000);
});
