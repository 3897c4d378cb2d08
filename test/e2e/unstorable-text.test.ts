import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, newUser } from '../support/http.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

usePlatform();

const courseBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Knots for sailors',
  summary: 'Bowline, clove hitch and reef knot.',
  tags: ['sailing'],
  level: 'beginner',
  language: 'en',
  priceCents: 0,
  currency: 'EUR',
  ...overrides,
});

const refusal = (answer: { status: number; body: { error?: { code: string; details?: Array<{ path: string }> } } }) => ({
  status: answer.status,
  code: answer.body.error?.code,
  paths: (answer.body.error?.details ?? []).map((issue) => issue.path),
});

describe('text no store accepts is refused at the edge', () => {
  let instructor: { token: string };
  let student: { token: string };
  beforeAll(async () => {
    instructor = await newInstructor(await newAdmin(), 'Knots');
    student = await newUser('Unstorable');
  });

  it('refuses NUL in a course summary with 400 and the field, instead of a dead-lettered command', async () => {
    const answer = await api('POST', '/api/courses', { token: instructor.token, body: courseBody({ summary: 'Bowline\u0000 and hitch' }) });
    expect(refusal(answer)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['summary'] });
    expect(answer.body.error.details[0].message).toMatch(/NUL or a lone surrogate/);
  });

  // Raw JSON text, with the escapes as a client writes them.
  it('names nested fields: an item of a list, a free-text description with a lone surrogate', async () => {
    const tag = await api('POST', '/api/courses', { token: instructor.token, body: courseBody({ tags: ['sailing', 'knots\u0000'] }) });
    expect(refusal(tag)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['tags.1'] });

    const body = JSON.stringify(courseBody()).replace(/}$/, ',"description":"half a pair \\ud83d here"}');
    const surrogate = await api('POST', '/api/courses', { token: instructor.token, body });
    expect(refusal(surrogate)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['description'] });
  });

  it('still takes a proper surrogate pair (an emoji) in a text field', async () => {
    const created = await api('POST', '/api/courses', { token: instructor.token, body: courseBody({ summary: 'Knots \u{1F6A2} at sea' }) });
    expect(created.status).toBe(201);
    expect(created.body.data.summary).toBe('Knots \u{1F6A2} at sea');
  });

  it('refuses a lone surrogate in a profile and NUL in a field name', async () => {
    const name = await api('PATCH', '/api/users/me', { token: student.token, body: '{"fullName":"Ada \\udc00 Lovelace"}' });
    expect(refusal(name)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['fullName'] });

    const key = await api('PATCH', '/api/users/me', { token: student.token, body: '{"bio":"fine","x\\u0000y":"z"}' });
    expect(refusal(key)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['x\u0000y'] });
  });

  it('refuses NUL in a query parameter and in a path parameter', async () => {
    const search = await api('GET', '/api/courses?q=rope%00knot');
    expect(refusal(search)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['q'] });

    const admin = await api('GET', '/api/admin/users?q=%00', { token: (await newAdmin()).token });
    expect(refusal(admin)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['q'] });

    const verify = await api('GET', '/api/certificates/verify/abc%00');
    expect(refusal(verify)).toEqual({ status: 400, code: 'VALIDATION_ERROR', paths: ['code'] });
    expect(verify.body.error.details[0].message).toMatch(/NUL or a lone surrogate/);
  });
});
