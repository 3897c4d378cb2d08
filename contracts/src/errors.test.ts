import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { errorCodes, isErrorCode } from './errors.js';

const repoRoot = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The `src/` folders of the gateway and of every service, the platform included. */
const sourceRoots = [
  path.join(repoRoot, 'gateway/src'),
  ...readdirSync(path.join(repoRoot, 'services')).map((name) => path.join(repoRoot, 'services', name, 'src')),
].filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());

interface Use {
  code: string;
  /** The status the source gives it next to the code, when it gives one. */
  status?: number;
  where: string;
}

/**
 * Every error code written as a literal: `code: 'X'` (AppError, rejections, route errors, with
 * the `status: N` beside it when there is one) and the first argument of the helpers that
 * build errors from a code (`notFound`, `conflict`, `tooMany` and the rules' `reject`).
 */
function codesUsed(): Use[] {
  const helperStatus: Record<string, number | undefined> = { notFound: 404, conflict: 409, tooMany: 429, reject: undefined };
  const uses: Use[] = [];
  for (const file of sourceRoots.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(repoRoot, file);
    for (const match of text.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) {
      // The object literal around the code, as far as its first closing brace after it.
      const start = text.lastIndexOf('{', match.index);
      const end = text.indexOf('}', match.index);
      const status = /\bstatus:\s*(\d{3})\b/.exec(text.slice(start, end))?.[1];
      uses.push({ code: match[1]!, where, ...(status ? { status: Number(status) } : {}) });
    }
    for (const match of text.matchAll(/\b(notFound|conflict|tooMany|reject)\(\s*'([A-Z][A-Z0-9_]+)'/g)) {
      const status = helperStatus[match[1]!];
      uses.push({ code: match[2]!, where, ...(status ? { status } : {}) });
    }
  }
  return uses;
}

describe('the error code table', () => {
  const uses = codesUsed();

  it('finds the codes of the gateway, the platform and the user service in the source', () => {
    const found = new Set(uses.map((use) => use.code));
    expect(found.size).toBeGreaterThan(30);
    for (const code of ['USER_NOT_FOUND', 'CSRF_FAILED', 'UNDECODABLE_MESSAGE', 'LOGIN_LOCKED', 'NOT_AN_INSTRUCTOR']) expect(found).toContain(code);
  });

  it('lists every code the source emits', () => {
    const missing = uses.filter((use) => !isErrorCode(use.code)).map((use) => `${use.code} (${use.where})`);
    expect(missing).toEqual([]);
  });

  it('gives each code the status the source raises it with', () => {
    const disagreeing = uses
      .filter((use) => use.status !== undefined && isErrorCode(use.code) && errorCodes[use.code].status !== use.status)
      .map((use) => `${use.code}: ${use.status} in ${use.where}, ${isErrorCode(use.code) ? errorCodes[use.code].status : '?'} in the table`);
    expect(disagreeing).toEqual([]);
  });

  it('has upper-case codes, real HTTP error statuses and a description for each', () => {
    for (const [code, spec] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});
