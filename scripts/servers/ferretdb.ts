/** FerretDB 1.24.2 (the MongoDB wire protocol on Postgres), built once with Go from the module proxy. */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentStoreDatabase } from '../../contracts/src/topology.js';
import { commandExists, runLogged, tail } from './command.js';
import { launchProcess } from './launch-process.js';
import { die, log, ok } from './messages.js';
import { alivePid, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { hostPort } from './postgres.js';
import { pidFile, type Profile } from './profile.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { contentStamp, stampMatches } from './stamp.js';
import { cacheDir, host, infrastructureDir, ports, postgresRole, versions } from './settings.js';

const port = ports.ferretdb;
const binary = path.join(cacheDir, 'ferretdb/smartcourse-ferretdb');
const source = path.join(infrastructureDir, 'ferretdb');
const dataDir = (profile: Profile) => path.join(profile.run, 'ferretdb');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'ferretdb'), 'smartcourse-ferretdb');

/** The document store's Postgres database, on the user's POSTGRES_URL server or the local one. */
export function backingDatabaseUrl(): string {
  const server = process.env.POSTGRES_URL ? hostPort(process.env.POSTGRES_URL) : { host, port: String(ports.postgres) };
  return `postgres://${postgresRole.name}:${postgresRole.password}@${server.host}:${server.port}/${documentStoreDatabase}`;
}

async function install(): Promise<void> {
  if (!commandExists('go') && !existsSync(binary)) {
    die(
      "Go 1.24 or later is needed once to build FerretDB (infrastructure/ferretdb); install it from https://go.dev/dl/ (Debian's golang-go 1.19 is too old), or set MONGO_URL to an existing MongoDB",
    );
  }
  const stamp = contentStamp(['main.go', 'go.mod', 'go.sum'].map((file) => path.join(source, file)));
  if (existsSync(binary) && stampMatches(`${binary}.stamp`, stamp)) return;
  if (!commandExists('go')) die('Go is needed to rebuild FerretDB (infrastructure/ferretdb changed); install Go 1.24+ from https://go.dev/dl/');
  log(`building FerretDB ${versions.ferretdb} (Go; about 80 s the first time)...`);
  mkdirSync(path.dirname(binary), { recursive: true });
  const logFile = path.join(cacheDir, 'ferretdb/build.log');
  if ((await runLogged('go', ['build', '-o', `${binary}.tmp`, '.'], logFile, { cwd: source, env: { ...process.env, GOFLAGS: '-mod=mod' } })) !== 0) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    die(`could not build FerretDB (log: ${logFile})`);
  }
  renameSync(`${binary}.tmp`, binary);
  writeFileSync(`${binary}.stamp`, `${stamp}\n`);
  ok(`FerretDB built: ${binary}`);
}

async function launch(session: Session) {
  const { profile } = session;
  const dir = dataDir(profile);
  const logFile = path.join(dir, 'ferretdb.log');
  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`FerretDB already running (pid ${running}, port ${port})`);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(ferretdb, port, profile);
  mkdirSync(dir, { recursive: true });
  log(`starting FerretDB on ${host}:${port} (PostgreSQL database ${documentStoreDatabase})`);
  await launchProcess(session, {
    name: 'ferretdb',
    label: 'FerretDB',
    log: logFile,
    command: binary,
    args: [],
    env: {
      ...process.env,
      FERRETDB_LISTEN_ADDR: `${host}:${port}`,
      FERRETDB_POSTGRESQL_URL: backingDatabaseUrl(),
      FERRETDB_LOG_LEVEL: process.env.FERRETDB_LOG_LEVEL || (profile.name === 'test' ? 'error' : 'warn'),
    },
    ready: () => portOpen(port),
  });
  return alreadyReady;
}

export const ferretdb: Server = {
  name: 'ferretdb',
  label: 'FerretDB (MongoDB API)',
  overrideVariable: 'MONGO_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: () => [],
  install,
  launch,
  stop: stopRunning('FerretDB', pid),
  pid,
};
