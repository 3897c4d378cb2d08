/** Redis 7 from Debian's packages; the test profile keeps nothing on disk. */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { commandExists, printTail, runSync } from './command.js';
import { aptInstall } from './debian.js';
import { die, log, ok } from './messages.js';
import { alivePid, readPid, startBanner, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { pidFile, type Profile } from './profile.js';
import { waitUntil } from './readiness.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { host, infrastructureDir, ports, startTimeout } from './settings.js';

const port = ports.redis;
const dataDir = (profile: Profile) => path.join(profile.run, 'redis');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'redis'), 'redis-server');
const installed = () => commandExists('redis-server') && commandExists('redis-cli');

async function launch(session: Session) {
  const { profile } = session;
  const dir = dataDir(profile);
  const pids = pidFile(profile, 'redis');
  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`Redis already running (pid ${running}, port ${port})`);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(redis, port, profile);
  mkdirSync(dir, { recursive: true });
  mkdirSync(path.dirname(pids), { recursive: true });
  rmSync(pids, { force: true });
  const logFile = path.join(dir, 'redis.log');
  log(`starting Redis on ${host}:${port}`);
  appendFileSync(logFile, startBanner('Redis', `profile ${profile.name}`));
  const ephemeral = profile.name === 'test' ? ['--save', '', '--appendonly', 'no'] : [];
  const args = [
    path.join(infrastructureDir, 'redis/redis.conf'),
    '--bind',
    host,
    '--port',
    String(port),
    '--daemonize',
    'yes',
    '--dir',
    dir,
    '--pidfile',
    pids,
    '--logfile',
    logFile,
    ...ephemeral,
  ];
  if (runSync('setsid', ['redis-server', ...args], { stdio: ['ignore', 'inherit', 'inherit'] }).status !== 0) {
    printTail(logFile, 20);
    die(`redis-server did not start (log: ${logFile})`);
  }
  session.started.push('redis');
  const answered = await waitUntil({
    timeoutSeconds: startTimeout,
    what: 'Redis',
    log: logFile,
    check: () => runSync('redis-cli', ['-h', host, '-p', String(port), 'ping']).stdout.trim() === 'PONG',
  });
  if (!answered) die(`Redis did not become ready (log: ${logFile})`);
  ok(`Redis ready (pid ${readPid(pids)})`);
  return alreadyReady;
}

export const redis: Server = {
  name: 'redis',
  label: 'Redis',
  overrideVariable: 'REDIS_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: () => (installed() ? [] : ['redis-server']),
  install: async () => {
    if (!installed()) await aptInstall(['redis-server']);
  },
  launch,
  stop: stopRunning('Redis', pid),
  pid,
};
