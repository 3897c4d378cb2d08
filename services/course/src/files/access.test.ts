import { describe, expect, it } from '@jest/globals';
import type { Actor, Knex } from '@smartcourse/platform';
import { fileReadable, signedInOnly, type FileReadRule } from './access.js';

const db = {} as Knex;
const student: Actor = { userId: 'student-1', role: 'student' };
const says =
  (answer: boolean, asked: string[], name: string): FileReadRule =>
  async () => {
    asked.push(name);
    return answer;
  };

describe('the file read decision', () => {
  it('is readable when a rule says so, asking the rules in order and no further', async () => {
    const asked: string[] = [];
    expect(await fileReadable(db, 'file-1', student, [says(false, asked, 'lessons'), says(true, asked, 'submissions'), says(true, asked, 'more')])).toBe(true);
    expect(asked).toEqual(['lessons', 'submissions']);
  });

  it('is not readable when no rule knows the file', async () => {
    expect(await fileReadable(db, 'file-1', student, [says(false, [], 'lessons'), says(false, [], 'thumbnails')])).toBe(false);
    expect(await fileReadable(db, 'file-1', student, [])).toBe(false);
  });

  it('keeps a rule written for signed-in actors from anonymous readers', async () => {
    const seen: Actor[] = [];
    const ownWork = signedInOnly(async (_db, _fileId, actor) => {
      seen.push(actor);
      return true;
    });
    expect(await fileReadable(db, 'file-1', undefined, [ownWork])).toBe(false);
    expect(await fileReadable(db, 'file-1', student, [ownWork])).toBe(true);
    expect(seen).toEqual([student]);
  });
});
