import { describe, expect, it } from '@jest/globals';
import { AppError } from '@smartcourse/platform';
import { channelsOf, preferencesOf, switchesOf } from './rules.js';

describe('preference rules', () => {
  it('has every channel of every category on for a person who changed nothing', () => {
    const { categories } = preferencesOf(undefined);
    expect(Object.keys(categories).sort()).toEqual(['account', 'assessment', 'certificate', 'course', 'enrollment', 'progress', 'teaching']);
    for (const channels of Object.values(categories)) expect(channels).toEqual({ email: true, inApp: true });
  });

  it('keeps the switches that were not changed on', () => {
    expect(channelsOf({ progress: { email: false } }, 'progress')).toEqual({ email: false, inApp: true });
    expect(channelsOf({ progress: { email: false } }, 'certificate')).toEqual({ email: true, inApp: true });
  });

  it('keeps account email on whatever is stored', () => {
    expect(channelsOf({ account: { email: false, inApp: false } }, 'account')).toEqual({ email: true, inApp: false });
  });

  it('turns an update into the switches it names, and only those', () => {
    const switches = switchesOf({ categories: { course: { email: false }, assessment: { email: true, inApp: false } } });
    expect(Object.fromEntries(switches)).toEqual({ 'course.email': false, 'assessment.email': true, 'assessment.inApp': false });
  });

  it('refuses to switch account email off, naming the field', () => {
    let refused: unknown;
    try {
      switchesOf({ categories: { account: { email: false }, course: { email: false } } });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'VALIDATION_ERROR', status: 400, details: [{ path: 'categories.account.email' }] });
  });

  it('accepts account email on and account in-app off, storing no account email switch', () => {
    expect(Object.fromEntries(switchesOf({ categories: { account: { email: true, inApp: false } } }))).toEqual({ 'account.inApp': false });
  });
});
