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
 * budget, so every operation is covered however busy the machine is: the operations split in
 * parts, two processes side by side (about 90 s on two cores). Then a student's run of every phase
 * gets this budget: whatever it reaches must pass.
 */
const SECONDS = Number(process.env.SMARTCOURSE_SCHEMATHESIS_SECONDS ?? 20);
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

/** Every operation id of the document but the session-ending ones, in document order. */
async function operationIds(): Promise<string[]> {
  const document = (await api<{ paths: Record<string, Record<string, { operationId?: string }>> }>('GET', '/api/openapi.json')).body;
  return Object.values(document.paths)
    .flatMap((item) => Object.values(item).flatMap((operation) => (operation.operationId ? [operation.operationId] : [])))
    .filter((id) => !SESSION_ENDING.includes(id));
}

interface Run {
  /** Names its output: .run/test/schemathesis-<name>.txt, and every request and answer in .run/test/schemathesis-<name>/ (HAR). */
  name: string;
  token: string;
  phases: 'examples,coverage' | 'fuzzing' | 'examples,coverage,fuzzing';
  /** The run's time budget; none for a run that must finish (the coverage phase). */
  seconds?: number;
  /** The operations run: these ids only, or all but the session-ending ones. */
  only?: readonly string[];
}

/** Runs `st` as the bearer of `token`. */
async function schemathesis({ name, token, phases, seconds, only }: Run): Promise<Outcome> {
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
    ...(only ? only.flatMap((id) => ['--include-operation-id', id]) : SESSION_ENDING.flatMap((id) => ['--exclude-operation-id', id])),
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

/** Runs the jobs `lanes` at a time, each lane taking the next job when its last one ends. */
async function inLanes<T>(jobs: readonly (() => Promise<T>)[], lanes: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

/** The admin's coverage in this many parts: small enough that two lanes end close together. */
const PARTS = 8;

describe('schemathesis over the OpenAPI document', () => {
  let ids: string[] = [];
  const runs: { coverage?: Promise<Outcome[]>; student?: Promise<Outcome> } = {};
  beforeAll(async () => {
    const [student, admin] = await Promise.all([newUser('Schemathesis'), newAdmin()]);
    ids = await operationIds();
    const parts = Array.from({ length: PARTS }, (_, part) => ids.filter((_, index) => index % PARTS === part));
    let studentRun!: () => Promise<Outcome>;
    runs.student = new Promise((resolve) => {
      studentRun = async () => {
        const outcome = await schemathesis({ name: 'student', token: student.token, phases: 'examples,coverage,fuzzing', seconds: SECONDS });
        resolve(outcome);
        return outcome;
      };
    });
    const coverageRuns = parts.map(
      (part, index) => () => schemathesis({ name: `admin-coverage-${index + 1}`, token: admin.token, phases: 'examples,coverage', only: part }),
    );
    // The student's budgeted run goes last, where it fills the lane that ends first.
    runs.coverage = inLanes([...coverageRuns, studentRun], 2).then((outcomes) => outcomes.slice(0, PARTS));
  });

  it('runs against a gateway whose rate limits are lifted', async () => {
    const answer = await api('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get('ratelimit-limit'))).toBeGreaterThanOrEqual(100_000);
  });

  it(
    'finds no server error and no undocumented answer as admin, on every operation',
    async () => {
      const parts = await runs.coverage!;
      expect(parts.map(passed)).toEqual(parts.map(() => ({ exitCode: 0, failures: '' })));
      expect(ids.length).toBeGreaterThan(100);
      expect(parts.map((part) => part.tested)).toEqual(parts.map((part) => part.selected));
      expect(parts.map((part) => part.selected).reduce((sum, selected) => sum + selected, 0)).toBe(ids.length);
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
        await schemathesis({ name: 'session-ending-coverage', token: student.token, phases: 'examples,coverage', only: SESSION_ENDING }),
        await schemathesis({ name: 'session-ending-fuzzing', token: student.token, phases: 'fuzzing', seconds: 10, only: SESSION_ENDING }),
      ];
      expect(passed(coverage)).toEqual({ exitCode: 0, failures: '' });
      expect(coverage.tested).toBe(SESSION_ENDING.length);
      expect(passed(fuzzing)).toEqual({ exitCode: 0, failures: '' });
    },
    TEST_TIMEOUT_MS,
  );
});
