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
 * Cases per operation and phase. A deeper run by hand:
 * SMARTCOURSE_SCHEMATHESIS_EXAMPLES=50 SMARTCOURSE_SCHEMATHESIS_SECONDS=1800.
 */
const EXAMPLES = Number(process.env.SMARTCOURSE_SCHEMATHESIS_EXAMPLES ?? 6);
/**
 * The admin, who may call every operation, goes through schemathesis' coverage phase (its
 * deterministic cases: each documented value and boundary, each kind of wrong input) with no time
 * budget, so every operation is covered however busy the machine is (2 to 3 minutes on two cores).
 * Random cases (fuzzing) get this budget: the admin's after the coverage phase, the student's
 * (every phase) beside it.
 */
const SECONDS = Number(process.env.SMARTCOURSE_SCHEMATHESIS_SECONDS ?? 60);
const ADMIN_FUZZ_SECONDS = Math.min(SECONDS, 15);
/** A hung coverage phase is ended here: far past its usual length. */
const COVERAGE_TIMEOUT_MS = 600_000;
const budgetTimeout = (seconds: number) => (seconds + 60) * 1000;
/**
 * One thread per `st` process: with two, CPython 3.11 (Debian's) now and then fails the run with
 * "AST constructor recursion depth mismatch" (python/cpython#106905, a thread race in `ast`).
 */
const WORKERS = 1;
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
  selected: number;
  tested: number;
}

/**
 * End the caller's session (logout, and deleting a session: the fuzzer finds the current session's
 * id in earlier answers): in a run they would turn every later call into a 401, so they run on their own.
 */
const SESSION_ENDING = ['postAuthLogout', 'deleteAuthSessionsById'];

interface Run {
  /** Names its output: .run/test/schemathesis-<name>.txt, and every request and answer in .run/test/schemathesis-<name>/ (HAR). */
  name: string;
  token: string;
  phases: 'examples,coverage' | 'fuzzing' | 'examples,coverage,fuzzing';
  /** The run's time budget; none for a run that must finish (the coverage phase). */
  seconds?: number;
  operations: 'all but session-ending' | 'session-ending';
}

/** Runs `st` as the bearer of `token`, over every operation but those ending the session, or over those only. */
async function schemathesis({ name, token, phases, seconds, operations }: Run): Promise<Outcome> {
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
    phases,
    '--max-examples',
    String(EXAMPLES),
    ...(seconds === undefined ? [] : ['--max-time', String(seconds)]),
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
  const timeout = seconds === undefined ? COVERAGE_TIMEOUT_MS : budgetTimeout(seconds);
  const outcome = await run(st, args, { cwd: reports, timeout, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
    }),
  );
  mkdirSync(path.join(repoRoot, '.run/test'), { recursive: true });
  writeFileSync(path.join(repoRoot, '.run/test', `schemathesis-${name}.txt`), outcome.stdout);
  const summary = outcome.stdout.slice(outcome.stdout.lastIndexOf('SUMMARY') - 40);
  return {
    exitCode: outcome.code,
    failures: outcome.code === 0 ? '' : outcome.stdout.slice(-20_000),
    selected: Number(/Selected: (\d+)/.exec(summary)?.[1] ?? -1),
    tested: Number(/Tested: (\d+)/.exec(summary)?.[1] ?? 0),
  };
}

const passed = (outcome: Outcome) => ({ exitCode: outcome.exitCode, failures: outcome.failures });
const TEST_TIMEOUT_MS = COVERAGE_TIMEOUT_MS + budgetTimeout(SECONDS) + 30_000;

describe('schemathesis over the OpenAPI document', () => {
  const runs: {
    admin?: Promise<{ coverage: Outcome; fuzzing: Outcome }>;
    student?: Promise<Outcome>;
  } = {};
  /** The admin's and the student's runs go side by side, one process each (see WORKERS). */
  beforeAll(async () => {
    const [student, admin] = await Promise.all([newUser('Schemathesis'), newAdmin()]);
    const all = 'all but session-ending';
    runs.admin = (async () => {
      const coverage = await schemathesis({ name: 'admin-coverage', token: admin.token, phases: 'examples,coverage', operations: all });
      const fuzzing = await schemathesis({ name: 'admin-fuzzing', token: admin.token, phases: 'fuzzing', seconds: ADMIN_FUZZ_SECONDS, operations: all });
      return { coverage, fuzzing };
    })();
    runs.student = schemathesis({ name: 'student', token: student.token, phases: 'examples,coverage,fuzzing', seconds: SECONDS, operations: all });
  });

  it('runs against a gateway whose rate limits are lifted', async () => {
    const answer = await api('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get('ratelimit-limit'))).toBeGreaterThanOrEqual(100_000);
  });

  it(
    'finds no server error and no undocumented answer as admin, on every operation',
    async () => {
      const { coverage, fuzzing } = await runs.admin!;
      expect(passed(coverage)).toEqual({ exitCode: 0, failures: '' });
      expect(coverage.selected).toBeGreaterThan(100);
      expect(coverage.tested).toBe(coverage.selected);
      // Fuzzing reaches as many operations as its budget allows; whatever it reached must pass.
      expect(passed(fuzzing)).toEqual({ exitCode: 0, failures: '' });
      expect(fuzzing.tested).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'finds no server error and no undocumented answer as a student, on the operations its budget reaches',
    async () => {
      const student = await runs.student!;
      expect(passed(student)).toEqual({ exitCode: 0, failures: '' });
      expect(student.tested).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'finds no server error and no undocumented answer on logout and session deletion',
    async () => {
      const student = await newUser('SchemathesisLogout');
      const [coverage, fuzzing] = [
        await schemathesis({ name: 'session-ending-coverage', token: student.token, phases: 'examples,coverage', operations: 'session-ending' }),
        await schemathesis({ name: 'session-ending-fuzzing', token: student.token, phases: 'fuzzing', seconds: 10, operations: 'session-ending' }),
      ];
      expect(passed(coverage)).toEqual({ exitCode: 0, failures: '' });
      expect(coverage.tested).toBe(SESSION_ENDING.length);
      expect(passed(fuzzing)).toEqual({ exitCode: 0, failures: '' });
    },
    TEST_TIMEOUT_MS,
  );
});
