/**
 * scripts/chaos — the platform under a steady mix of learners while its processes and servers
 * fail one after another; then every accepted command, published event and consumer effect
 * counted. Exits 1 on anything lost or applied twice. Options: `scripts/chaos --help`.
 */
import { InvalidArgumentError, Option, program } from 'commander';
import { env, repoRoot } from '../../test/support/env.js';
import { parseDuration } from '../operator/time.js';
import { faultIds, type FaultId } from './faults.js';
import { chaosLogDir, spawnFleet } from './fleet.js';
import { failed, printReport } from './report.js';
import { localChaosEnv, runChaos } from './run.js';

const duration = (text: string) => {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};
const count = (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`"${text}" is not a whole number of at least 1`);
  return value;
};
const share = (text: string) => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new InvalidArgumentError(`"${text}" is not a share between 0 and 1`);
  return value;
};
const faultList = (text: string): FaultId[] => {
  const ids = text.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !(faultIds as readonly string[]).includes(id));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown fault ${unknown.join(', ')} (known: ${faultIds.join(', ')})`);
  return ids as FaultId[];
};

program
  .name('scripts/chaos')
  .description(
    'A steady mix of learners through the gateway while processes and servers fail; then accepted, applied, published, duplicated and lost, counted.',
  )
  .addOption(new Option('--duration <time>', 'how long the mix runs; the faults are spread over it').argParser(duration).default(240_000, '4m'))
  .addOption(new Option('--workers <n>', 'learners on their way at once').argParser(count).default(3))
  .addOption(new Option('--think <time>', "a learner's pause between steps").argParser(duration).default(200, '200ms'))
  .addOption(new Option('--courses <n>', 'published free courses the learners spread over (and half as many paid ones)').argParser(count).default(3))
  .addOption(new Option('--buyers <share>', 'the share of learners who buy a paid course instead of enrolling for free').argParser(share).default(0.25))
  .addOption(new Option('--refunds <share>', 'the share of buyers who ask for a refund before studying').argParser(share).default(0.34))
  .addOption(new Option('--faults <ids>', `faults to inject, in this order: ${faultIds.join(',')}`).argParser(faultList).default([...faultIds], 'all'))
  .addOption(new Option('--down <time>', 'how long a killed process stays down before it is started again').argParser(duration).default(2_000, '2s'))
  .addOption(new Option('--database-outage <time>', 'how long the database refuses enrollment-progress').argParser(duration).default(8_000, '8s'))
  .addOption(new Option('--deadline <time>', 'how long a learner tries one command before giving up').argParser(duration).default(90_000, '90s'))
  .addOption(new Option('--recovery-timeout <time>', 'how long the probes may take after a fault').argParser(duration).default(120_000, '2m'))
  .addOption(new Option('--settle-timeout <time>', 'how long the platform may take to settle after the mix').argParser(duration).default(180_000, '3m'))
  .option('--json', 'print the report as one JSON document')
  .parse();

const options = program.opts<{
  duration: number;
  workers: number;
  think: number;
  courses: number;
  buyers: number;
  refunds: number;
  faults: FaultId[];
  down: number;
  databaseOutage: number;
  deadline: number;
  recoveryTimeout: number;
  settleTimeout: number;
  json?: boolean;
}>();

const log = (message: string) => process.stderr.write(`[chaos] ${message}\n`);
if (
  await fetch(`${env.gatewayUrl}/ready`).then(
    () => true,
    () => false,
  )
) {
  log(
    `a gateway already answers on ${env.gatewayUrl}: the run starts its own processes on the platform's ports. Stop scripts/up (the servers can stay: scripts/up --infra-only).`,
  );
  process.exit(2);
}
const logDir = chaosLogDir(repoRoot);
log(`starting the services, a second enrollment-progress and the gateway (logs in ${logDir})`);
const fleet = await spawnFleet(logDir);
try {
  const report = await runChaos(
    {
      fleet,
      log,
      env: localChaosEnv(),
    },
    {
      durationMs: options.duration,
      workers: options.workers,
      thinkMs: options.think,
      courses: options.courses,
      buyerShare: options.buyers,
      refundShare: options.refunds,
      faults: options.faults,
      downMs: options.down,
      databaseOutageMs: options.databaseOutage,
      commandDeadlineMs: options.deadline,
      recoveryTimeoutMs: options.recoveryTimeout,
      settleTimeoutMs: options.settleTimeout,
    },
  );
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  process.exitCode = failed(report) ? 1 : 0;
} finally {
  await fleet.stop();
}
