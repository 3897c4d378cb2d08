import { describe, expect, it } from '@jest/globals';
import { mayDelete, mayUpload, readableBy, type FileFacts } from './rules.js';

const owner = { userId: '0d8e8f0a-0000-4000-8000-000000000001', role: 'student' } as const;
const other = { userId: '0d8e8f0a-0000-4000-8000-000000000002', role: 'student' } as const;
const admin = { userId: '0d8e8f0a-0000-4000-8000-000000000003', role: 'admin' } as const;
const instructor = { userId: '0d8e8f0a-0000-4000-8000-000000000004', role: 'instructor' } as const;
const file = (purpose: FileFacts['purpose'], status: FileFacts['status'] = 'ready'): FileFacts => ({ ownerId: owner.userId, purpose, status });

describe('file rules', () => {
  it('lets the purpose decide who uploads', () => {
    expect(mayUpload('avatar', owner)).toBe(true);
    expect(mayUpload('submission', owner)).toBe(true);
    expect(mayUpload('submission', instructor)).toBe(false);
    expect(mayUpload('lesson-video', owner)).toBe(false);
    expect(mayUpload('lesson-video', instructor)).toBe(true);
    expect(mayUpload('course-thumbnail', admin)).toBe(true);
  });

  it('grants public purposes to anyone, others to the uploader and admins, and asks the course for lesson and submission files', () => {
    expect(readableBy(file('avatar'), undefined)).toBe('caller');
    expect(readableBy(file('course-thumbnail'), other)).toBe('caller');
    expect(readableBy(file('submission'), owner)).toBe('caller');
    expect(readableBy(file('submission'), admin)).toBe('caller');
    expect(readableBy(file('submission'), other)).toBe('course');
    expect(readableBy(file('lesson-video'), other)).toBe('course');
    expect(readableBy(file('lesson-video'), undefined)).toBeUndefined();
    expect(readableBy(file('recording'), other)).toBeUndefined();
  });

  it('reads only whole, undeleted files', () => {
    expect(readableBy(file('avatar', 'deleted'), owner)).toBeUndefined();
    expect(readableBy(file('avatar', 'uploading'), owner)).toBeUndefined();
  });

  it('lets the uploader and admins delete, once', () => {
    expect(mayDelete(file('submission'), owner)).toBe(true);
    expect(mayDelete(file('submission'), admin)).toBe(true);
    expect(mayDelete(file('submission'), other)).toBe(false);
    expect(mayDelete(file('submission', 'deleted'), owner)).toBe(false);
  });
});
