import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { env, repoRoot } from '../support/env.js';
import { api, newUser } from '../support/http.js';
import { newAdmin } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

/**
 * Schemathesis over the whole OpenAPI document, signed in as a student and as an admin: no
 * generated request, valid or not, may get a server error (5xx) or an answer its document does
 * not describe. The test platform's gateway runs with the rate limits lifted (see
 * test/support/launcher.ts), so each operation's own logic answers rather than 429.
 */

usePlatform();

const run = promisify(execFile);

/**
 * Cases per operation and phase. The student's and the admin's runs go side by side, coverage
 * first (about 40 s), then fuzzing to the budget: about a minute on two cores, which keeps the
 * whole test run under 25 minutes (fuzzing covers fewer operations per run as routes are added). A
 * deeper run by hand: SMARTCOURSE_SCHEMATHESIS_EXAMPLES=50 (and more time per run).
 */
const EXAMPLES = Number(process.env.SMARTCOURSE_SCHEMATHESIS_EXAMPLES ?? 6);
/** A run's budget: schemathesis stops there (and the process is ended 30 s later). */
const BUDGET_SECONDS = EXAMPLES > 6 ? 1800 : 50;
/**
 * One thread per `st` process: with two, CPython 3.11 (Debian's) now and then fails the run with
 * "AST constructor recursion depth mismatch" (python/cpython#106905, a thread race in `ast`).
 */
const WORKERS = 1;
const RUN_MS = (BUDGET_SECONDS + 30) * 1000;
const CHECKS = process.env.SMARTCOURSE_SCHEMATHESIS_CHECKS ?? 'not_a_server_error,response_schema_conformance';

/** The `st` command: installed by scripts/test, or here by the same script when jest runs alone. */
async function schemathesisCommand(): Promise<string> {
  if (process.env.SMARTCOURSE_SCHEMATHESIS) return process.env.SMARTCOURSE_SCHEMATHESIS;
  const installed = await run('bash', ['-c', 'source scripts/lib/schemathesis.sh && sc_ensure_schemathesis'], { cwd: repoRoot, timeout: 600_000 });
  return installed.stdout.trim();
}

interface Outcome {
  exitCode: number;
  /** The end of the run's output when it failed (failures by check, errors); empty when it passed. */
  failures: string;
  tested: number;
}

/**
 * End the caller's session (logout, and deleting a session: the fuzzer finds the current session's
 * id in earlier answers): in a run they would turn every later call into a 401, so they run on their own.
 */
const SESSION_ENDING = ['postAuthLogout', 'deleteAuthSessionsById'];

/**
 * Runs `st` as the bearer of `token`, over every operation but those ending the session, or over those only;
 * its whole output is kept in .run/test/schemathesis-<name>.txt, every request and answer in .run/test/schemathesis-<name>/ (HAR).
 */
async function schemathesis(name: string, token: string, operations: 'all but session-ending' | 'session-ending' = 'all but session-ending'): Promise<Outcome> {
  const st = await schemathesisCommand();
  const reports = path.join(repoRoot, '.run/test', `schemathesis-${name}`);
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const args = [
    'run',
    `${env.gatewayUrl}/api/openapi.json`,
    '--url',
    env.gatewayUrl,
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    CHECKS,
    ...SESSION_ENDING.flatMap((id) => [operations === 'session-ending' ? '--include-operation-id' : '--exclude-operation-id', id]),
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(EXAMPLES),
    '--max-time',
    String(operations === 'session-ending' ? 10 : BUDGET_SECONDS),
    '--workers',
    String(WORKERS),
    '--seed',
    '20261207',
    '--generation-database',
    'none',
    '--report-dir',
    reports,
    '--report',
    'har',
    '--no-color',
  ];
  const outcome = await run(st, args, { cwd: reports, timeout: RUN_MS, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
    }),
  );
  mkdirSync(path.join(repoRoot, '.run/test'), { recursive: true });
  writeFileSync(path.join(repoRoot, '.run/test', `schemathesis-${name}.txt`), outcome.stdout);
  const summary = outcome.stdout.slice(outcome.stdout.lastIndexOf('SUMMARY') - 40);
  const failures = outcome.code === 0 ? '' : outcome.stdout.slice(-20_000);
  return { exitCode: outcome.code, failures, tested: Number(/Tested: (\d+)/.exec(summary)?.[1] ?? 0) };
}

describe('schemathesis over the OpenAPI document', () => {
  /** The student's and the admin's runs go side by side, one process each (see WORKERS). */
  const runs: Partial<Record<'student' | 'admin', Promise<Outcome>>> = {};
  beforeAll(async () => {
    const [student, admin] = await Promise.all([newUser('Schemathesis'), newAdmin()]);
    runs.student = schemathesis('student', student.token);
    runs.admin = schemathesis('admin', admin.token);
  });

  it('runs against a gateway whose rate limits are lifted', async () => {
    const answer = await api('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get('ratelimit-limit'))).toBeGreaterThanOrEqual(100_000);
  });

  it.each(['student', 'admin'] as const)(
    'finds no server error and no undocumented answer as %s',
    async (who) => {
      const outcome = await runs[who]!;
      expect({ exitCode: outcome.exitCode, failures: outcome.failures }).toEqual({ exitCode: 0, failures: '' });
      // How many operations a run reaches within its budget depends on how busy the machine is (a
      // loaded run reached 35 of 106, a quiet one all): only that it tested some is asserted.
      expect(outcome.tested).toBeGreaterThan(0);
    },
    RUN_MS + 50_000,
  );

  it(
    'finds no server error and no undocumented answer on logout and session deletion',
    async () => {
      const student = await newUser('SchemathesisLogout');
      const outcome = await schemathesis('session-ending', student.token, 'session-ending');
      expect({ exitCode: outcome.exitCode, failures: outcome.failures }).toEqual({ exitCode: 0, failures: '' });
      expect(outcome.tested).toBe(SESSION_ENDING.length);
    },
    RUN_MS + 50_000,
  );
});
