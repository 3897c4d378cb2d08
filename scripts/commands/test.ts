/**
 * scripts/test: typecheck, dependency rules and jest against real local servers (profile test),
 * or `--unit`: the pure tests alone, no server. The last line is exactly "N passed, N failed"
 * (", N skipped" when any was skipped); the exit status is non-zero on any failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandExists } from '../servers/command.js';
import { aptInstall, installChromium } from '../servers/debian.js';
import { loadEnvFile } from '../servers/env-file.js';
import { initProfile, installServers, startServers, stopServers } from '../servers/infrastructure.js';
import { die, log } from '../servers/messages.js';
import type { Session } from '../servers/server.js';
import { root } from '../servers/settings.js';
import { jestRuns } from '../../test/support/run-order.js';
import { runCommand } from './lifecycle.js';

const counts = { passed: 0, failed: 0, skipped: 0 };
let summaryPrinted = false;
let session: Session | undefined;
/** The static checks' run in progress, killed when the run is aborted. */
let checking: { kill(): void } | undefined;

function summary(): void {
  if (summaryPrinted) return;
  summaryPrinted = true;
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}\n`);
}

const stepLog = (title: string) => process.stderr.write(`\n\x1b[1m== ${title} ==\x1b[0m\n`);

/** Runs a program; its stdout goes to our stderr (stdout carries only the summary), or to a file. */
function run(
  command: string,
  args: readonly string[],
  output: 'stderr' | { file: string } = 'stderr',
  env: Record<string, string> = {},
): { kill(): void; done: Promise<number> } {
  const chunks: Buffer[] = [];
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', output === 'stderr' ? 'inherit' : 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output === 'stderr' ? process.stderr.write(chunk) : chunks.push(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<number>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('close', (code) => {
      if (output !== 'stderr') writeFileSync(output.file, Buffer.concat(chunks));
      resolve(code ?? 1);
    });
  });
  return { kill: () => child.kill(), done };
}

interface StaticCheck {
  name: string;
  title: string;
  command: string;
  args: readonly string[];
  log: string;
}

function staticChecks(runDirectory: string): StaticCheck[] {
  const npmScript = (name: string): StaticCheck => ({
    name,
    title: name,
    command: 'npm',
    args: ['run', '--silent', name],
    log: path.join(runDirectory, `${name}.log`),
  });
  return [
    {
      name: 'typecheck',
      title: 'typecheck (tsc --noEmit)',
      command: process.execPath,
      args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'],
      log: path.join(runDirectory, 'typecheck.log'),
    },
    npmScript('depcheck'),
    npmScript('lint'),
    npmScript('format:check'),
  ];
}

/** Runs the checks one after another (two cores: the infrastructure and jest run beside them); their exit statuses, in order. */
async function runChecks(checks: readonly StaticCheck[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const check of checks) {
    const running = run(check.command, check.args, { file: check.log });
    checking = running;
    statuses.push(await running.done);
  }
  checking = undefined;
  return statuses;
}

/** Jest's JSON report (`--json`): the counts read here; the rest is kept as jest wrote it. */
interface JestReport {
  numTotalTestSuites?: number;
  numPassedTests?: number;
  numFailedTests?: number;
  numRuntimeErrorTestSuites?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: unknown[];
  [field: string]: unknown;
}

/** Runs jest once; its report, or undefined when it wrote none or an unreadable one (the exit status says why). */
async function runJest(report: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ status: number; report?: JestReport }> {
  mkdirSync(path.dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const jest = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--forceExit', '--json', `--outputFile=${report}`, ...args];
  const status = await run(process.execPath, jest, 'stderr', env).done;
  let text = '';
  try {
    text = readFileSync(report, 'utf8');
  } catch {
    // no report: the caller counts it
  }
  try {
    return { status, report: text.trim() ? (JSON.parse(text) as JestReport) : undefined };
  } catch {
    return { status };
  }
}

/** Adds one jest run to the counts: no report, or suites that could not run, count as one failure each. */
function count(status: number, report: JestReport | undefined): { passed: number; failed: number } {
  if (!report) {
    process.stderr.write(`jest produced no readable report (exit status ${status})\n`);
    counts.failed += 1;
    return { passed: 0, failed: 1 };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  if (status !== 0 && failed === 0) {
    // e.g. no tests found for a filter, coverage threshold, open handles
    process.stderr.write(`jest exited with status ${status}\n`);
    failed = 1;
  }
  counts.passed += passed;
  counts.failed += failed;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { passed, failed };
}

/** One report of several jest runs, as one run would have written it: counts summed, every file's result kept. */
function mergeReports(reports: readonly JestReport[]): JestReport {
  const merged: JestReport = { ...reports[0] };
  for (const next of reports.slice(1)) {
    for (const [field, value] of Object.entries(next)) {
      const current = merged[field];
      if (typeof value === 'number' && typeof current === 'number') merged[field] = field === 'startTime' ? Math.min(current, value) : current + value;
      else if (Array.isArray(value) && Array.isArray(current)) merged[field] = [...current, ...value];
      else if (typeof value === 'boolean' && typeof current === 'boolean') merged[field] = field === 'success' ? current && value : current || value;
    }
  }
  return merged;
}

/**
 * The jest runs of test/support/run-order.js one after another (unit and component, the files that
 * run two at a time, then those that run alone), each with the path filters given; their reports
 * merged into .run/test/jest.json. A filter that matches no file at all is a failure.
 */
async function runJestGroups(args: readonly string[]): Promise<void> {
  const directory = path.join(root, '.run', 'test');
  const reports: JestReport[] = [];
  let lost = false;
  for (const group of jestRuns) {
    stepLog(`jest: ${group.name}`);
    const started = Date.now();
    const { status, report } = await runJest(
      path.join(directory, `jest-${group.projects.join('-')}.json`),
      ['--selectProjects', ...group.projects, group.workers === 1 ? '--runInBand' : `--maxWorkers=${group.workers}`, '--passWithNoTests', ...args],
      group.keepPlatform ? { SMARTCOURSE_TEST_KEEP_PLATFORM: '1' } : {},
    );
    const { passed, failed } = count(status, report);
    if (report) reports.push(report);
    else lost = true;
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stderr.write(
      `jest run "${group.name}" (${group.workers === 1 ? 'in band' : `${group.workers} workers`}): ${passed} passed, ${failed} failed in ${seconds} s\n`,
    );
  }
  const report = path.join(directory, 'jest.json');
  rmSync(report, { force: true });
  if (reports.length > 0) writeFileSync(report, JSON.stringify(mergeReports(reports)));
  if (!lost && reports.every((r) => (r.numTotalTestSuites ?? 0) === 0)) {
    process.stderr.write('no test file matches the filters given\n');
    counts.failed += 1;
  }
}

async function body(): Promise<number> {
  process.chdir(root);
  const args = process.argv.slice(2);
  if (args[0] === '--unit') {
    stepLog('jest (unit)');
    const { status, report } = await runJest(path.join(root, '.run', 'unit', 'jest.json'), ['--selectProjects', 'unit', '--runInBand', ...args.slice(1)]);
    count(status, report);
    process.stderr.write('\n');
    summary();
    return counts.failed === 0 ? 0 : 1;
  }
  // the certificate tests render a PDF's first page to an image with pdftoppm
  if (!commandExists('pdftoppm')) await aptInstall(['poppler-utils']);
  // the browser tests (test/configured-platform/browser) drive Debian's chromium
  await installChromium();

  if (process.env.SMARTCOURSE_TEST_USE_DEV === '1') {
    const devEnv = path.join(root, '.run/dev/env');
    if (!existsSync(devEnv)) die('SMARTCOURSE_TEST_USE_DEV=1 but .run/dev/env does not exist; run scripts/up --infra-only first');
    log('using the running dev infrastructure (.run/dev/env)');
    Object.assign(process.env, loadEnvFile(devEnv));
    // keep these values as user overrides
    delete process.env.SMARTCOURSE_ENV_FILE;
    // the servers belong to the dev profile: scripts/restart-server (fault tests) acts on those
    process.env.SMARTCOURSE_SERVERS_PROFILE = 'dev';
  }

  session = await initProfile('test');
  const { profile } = session;
  // The static checks need no servers: they run one after another while the infrastructure starts
  // and jest runs (its files wait on the servers more than on the CPU); their results come after jest's.
  const checks = staticChecks(profile.run);
  const checked = runChecks(checks);

  await installServers();
  await startServers(session);
  Object.assign(process.env, loadEnvFile(path.join(profile.run, 'env')));

  if (existsSync(path.join(root, 'scripts/provision.ts'))) {
    stepLog('provision (scripts/provision.ts)');
    const provisionLog = path.join(profile.run, 'provision.log');
    if ((await run(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], { file: provisionLog }).done) !== 0) {
      process.stderr.write(`${readFileSync(provisionLog, 'utf8').split('\n').slice(-41).join('\n')}\n`);
      die(`provisioning failed (log: ${provisionLog})`);
    }
  }

  await runJestGroups(args);

  // Each counts as one test: the typecheck, the dependency rules, ESLint, and the Prettier formatting of the tree.
  const statuses = await checked;
  checks.forEach((check, index) => {
    stepLog(check.title);
    if (statuses[index] === 0) {
      counts.passed += 1;
      process.stderr.write(`${check.name}: ok\n`);
    } else {
      counts.failed += 1;
      process.stderr.write(readFileSync(check.log, 'utf8'));
      process.stderr.write(`${check.name}: FAILED\n`);
    }
  });

  await stopServers(profile, { only: session.started, quiet: true }).catch(() => undefined);
  session = undefined;
  process.stderr.write('\n');
  summary();
  return counts.failed === 0 ? 0 : 1;
}

/** The shared test platform (test/support/shared-platform.ts), when jest died before its teardown. */
function stopLeftPlatform(): void {
  const state = path.join(root, '.run/test/platform.json');
  if (!existsSync(state)) return;
  for (const match of readFileSync(state, 'utf8').matchAll(/"pid": (\d+)/g)) {
    try {
      process.kill(Number(match[1]));
    } catch {
      // already gone
    }
  }
  rmSync(state, { force: true });
}

async function cleanup(status: number): Promise<number> {
  if (summaryPrinted) return status;
  checking?.kill();
  stopLeftPlatform();
  if (session) await stopServers(session.profile, { only: session.started, quiet: true }).catch(() => undefined);
  // aborted before the end (infrastructure or provisioning failed, or interrupted)
  if (counts.failed === 0) counts.failed = 1;
  summary();
  return status === 0 ? 1 : status;
}

runCommand(body, cleanup);
