/**
 * PostgreSQL 15 from Debian's packages, one cluster per profile, with the `smartcourse` role and
 * every database of the topology. Root cannot run postgres: as root the server runs as the
 * `postgres` user, from / (it may not be allowed into the clone; every path it is given is absolute).
 */
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { postgresDatabases } from '../../contracts/src/topology.js';
import { commandExists, printTail, runSync, tail } from './command.js';
import { aptInstall, isRoot } from './debian.js';
import { die, log, ok, warn } from './messages.js';
import { startBanner } from './pids.js';
import { portOpen, portConflict } from './ports.js';
import type { Profile } from './profile.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { host, infrastructureDir, ports, postgresRole, postgresSuperPassword, root, startTimeout, stopTimeout, versions } from './settings.js';

const port = ports.postgres;
/** Where the cluster lives when the `postgres` user cannot reach the clone. */
export const externalRoot = '/var/tmp/smartcourse';

const md5 = (text: string) => createHash('md5').update(`${text}\n`).digest('hex').slice(0, 8);

export function postgresBinDir(): string | undefined {
  const candidates = [`/usr/lib/postgresql/${versions.postgresMajor}/bin`];
  if (existsSync('/usr/lib/postgresql')) {
    const majors = readdirSync('/usr/lib/postgresql').sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    candidates.push(...majors.map((major) => `/usr/lib/postgresql/${major}/bin`));
  }
  return candidates.find((dir) => ['postgres', 'initdb', 'pg_ctl'].every((tool) => existsSync(path.join(dir, tool))));
}

/** Runs a program as the server's user (the `postgres` user from / when we are root). */
function asPostgres(command: string, args: readonly string[], options: { stdio?: 'inherit' } = {}) {
  const stdio = options.stdio === 'inherit' ? (['ignore', 'inherit', 'inherit'] as const) : undefined;
  if (isRoot()) return runSync('runuser', ['-u', 'postgres', '--', command, ...args], { cwd: '/', ...(stdio && { stdio: [...stdio] }) });
  return runSync(command, args, stdio && { stdio: [...stdio] });
}

const postgresUserCanEnter = (dir: string) => runSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0;

const datadirRecord = (profile: Profile) => path.join(profile.run, 'postgres/datadir');

/**
 * Where the cluster lives: normally .run/<profile>/postgres/data. As root the server runs as the
 * `postgres` user, which cannot reach a clone under a private directory (e.g. /root, mode 700):
 * then /var/tmp/smartcourse/<hash of the clone path>-<profile>/data. Chosen at the first start
 * and recorded in .run/<profile>/postgres/datadir.
 */
export function dataDir(profile: Profile): string {
  const record = datadirRecord(profile);
  if (existsSync(record)) return readFileSync(record, 'utf8').trim();
  if (isRoot() && !postgresUserCanEnter(profile.run)) {
    mkdirSync(profile.run, { recursive: true });
    if (!postgresUserCanEnter(profile.run)) return path.join(externalRoot, `${md5(root)}-${profile.name}`, 'data');
  }
  return path.join(profile.run, 'postgres/data');
}

/** Everything the server user writes or reads lives in the directory holding the data directory. */
const home = (profile: Profile) => path.dirname(dataDir(profile));

/** The unix socket's directory (socket paths are limited to 107 bytes). */
function socketDir(profile: Profile): string {
  const data = dataDir(profile);
  return data.length + 20 > 100 ? `/tmp/smartcourse-pg-${md5(data)}` : data;
}

export function pid(profile: Profile): number | undefined {
  const file = path.join(dataDir(profile), 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const found = Number((readFileSync(file, 'utf8').split('\n')[0] ?? '').replace(/[^0-9]/g, ''));
  if (!found) return undefined;
  try {
    process.kill(found, 0);
    return found;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? found : undefined;
  }
}

/** The profile's external data (outside the clone), removed with the rest of a wiped profile. */
export function wipeExternalDataDir(profile: Profile): void {
  const record = datadirRecord(profile);
  if (!existsSync(record)) return;
  const data = readFileSync(record, 'utf8').trim();
  if (data.startsWith(`${externalRoot}/`)) rmSync(path.dirname(data), { recursive: true, force: true });
}

/**
 * A profile without a recorded data directory may find an external one left by an earlier clone
 * at the same path. Nothing refers to it any more, so it is removed, unless its server still runs.
 */
function claimExternalHome(dir: string): void {
  if (!dir.startsWith(`${externalRoot}/`) || !existsSync(dir)) return;
  const postmaster = path.join(dir, 'data/postmaster.pid');
  const running = existsSync(postmaster) ? Number((readFileSync(postmaster, 'utf8').split('\n')[0] ?? '').replace(/[^0-9]/g, '')) : 0;
  if (running && runSync('kill', ['-0', String(running)]).status === 0) {
    die(
      `a PostgreSQL started by an earlier clone at this path still runs on ${dir}/data (pid ${running}); stop it with: runuser -u postgres -- ${postgresBinDir()}/pg_ctl -D ${dir}/data stop`,
    );
  }
  log(`removing PostgreSQL data left by an earlier clone at this path (${dir})`);
  rmSync(dir, { recursive: true, force: true });
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** SQL that creates the role and databases when missing (idempotent), for psql. */
export function bootstrapSql(databases: readonly string[] = postgresDatabases): string {
  const role = `SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', ${literal(postgresRole.name)}, ${literal(postgresRole.password)})\n WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(postgresRole.name)}) \\gexec\n`;
  const each = databases.map(
    (db) =>
      `SELECT format('CREATE DATABASE %I OWNER %I', ${literal(db)}, ${literal(postgresRole.name)})\n WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = ${literal(db)}) \\gexec\n`,
  );
  return role + each.join('');
}

const psql = (args: readonly string[], sql: string) =>
  runSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], {
    input: sql,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
  });

function bootstrap(profile: Profile): void {
  const outcome = psql(['-h', socketDir(profile), '-p', String(port), '-U', 'postgres', '-d', 'postgres'], bootstrapSql());
  if (outcome.status !== 0) {
    process.stderr.write(outcome.stdout + outcome.stderr);
    die(`could not create the ${postgresRole.name} role/databases on the local PostgreSQL`);
  }
}

/** External server (POSTGRES_URL): create our role and databases when the URL allows it. */
export function bootstrapExternal(url: string): void {
  log('using the existing PostgreSQL from POSTGRES_URL');
  if (!commandExists('psql')) {
    warn(`psql not installed; cannot create the ${postgresRole.name} role/databases on POSTGRES_URL — make sure they exist`);
    return;
  }
  const outcome = psql([url], bootstrapSql());
  if (outcome.status !== 0) {
    warn(`could not create role ${postgresRole.name} / the databases on POSTGRES_URL: ${(outcome.stdout + outcome.stderr).trim().replace(/\n/g, ' ')}`);
    warn(`the service database URLs assume role ${postgresRole.name}/${postgresRole.password} and the databases of contracts/src/topology.ts`);
  }
}

/** "host port" of a Postgres URL. */
export function hostPort(url: string): { host: string; port: string } {
  const parsed = new URL(url);
  return { host: (parsed.hostname || host).replace(/^\[|\]$/g, ''), port: parsed.port || '5432' };
}

const chownToPostgres = (file: string) => chownSync(file, Number(runSync('id', ['-u', 'postgres']).stdout), Number(runSync('id', ['-g', 'postgres']).stdout));

function initialise(profile: Profile, binDir: string, data: string): void {
  log(`initialising PostgreSQL data directory ${data}`);
  const passwordFile = path.join(home(profile), '.pw');
  writeFileSync(passwordFile, `${postgresSuperPassword}\n`);
  if (isRoot()) chownToPostgres(passwordFile);
  const initLog = path.join(profile.run, 'postgres/initdb.log');
  const outcome = asPostgres(path.join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${passwordFile}`,
    '-E',
    'UTF8',
    '--no-locale',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
  ]);
  writeFileSync(initLog, outcome.stdout + outcome.stderr);
  rmSync(passwordFile, { force: true });
  if (outcome.status !== 0) {
    process.stderr.write(`${tail(initLog, 20)}\n`);
    die(`initdb failed (log: ${initLog})`);
  }
  appendFileSync(path.join(data, 'postgresql.conf'), "include_if_exists = 'smartcourse.conf'\n");
}

async function launch(session: Session) {
  const { profile } = session;
  const binDir = postgresBinDir() ?? die('PostgreSQL is not installed (run the install first)');
  const data = dataDir(profile);
  const serverHome = home(profile);
  const sockets = socketDir(profile);
  const logFile = path.join(serverHome, 'postgres.log');

  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`PostgreSQL already running (pid ${running}, port ${port})`);
    bootstrap(profile);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(postgres, port, profile);

  if (!existsSync(datadirRecord(profile))) claimExternalHome(serverHome);
  // umask 022: the server user must be able to traverse every directory above its own
  const mask = process.umask(0o022);
  mkdirSync(path.join(profile.run, 'postgres'), { recursive: true });
  mkdirSync(serverHome, { recursive: true });
  process.umask(mask);
  writeFileSync(datadirRecord(profile), `${data}\n`);
  // the log is read where the other servers' logs are, wherever the server writes it
  const linked = path.join(profile.run, 'postgres/postgres.log');
  if (serverHome !== path.join(profile.run, 'postgres')) {
    rmSync(linked, { force: true });
    symlinkSync(logFile, linked);
  }
  if (sockets.startsWith('/tmp/')) mkdirSync(sockets, { recursive: true });
  if (isRoot()) {
    chownToPostgres(serverHome);
    if (sockets.startsWith('/tmp/')) chownToPostgres(sockets);
    appendFileSync(logFile, '');
    chownToPostgres(logFile);
  }

  if (!existsSync(path.join(data, 'PG_VERSION'))) initialise(profile, binDir, data);
  // settings are refreshed from infrastructure/postgres on every start
  const settings = [readFileSync(path.join(infrastructureDir, 'postgres/postgresql.conf'), 'utf8')];
  if (profile.name === 'test') settings.push(readFileSync(path.join(infrastructureDir, 'postgres/postgresql-test.conf'), 'utf8'));
  const conf = path.join(data, 'smartcourse.conf');
  writeFileSync(conf, settings.join(''));
  if (isRoot()) chownToPostgres(conf);

  log(`starting PostgreSQL on ${host}:${port}`);
  appendFileSync(logFile, startBanner('PostgreSQL', `profile ${profile.name}`));
  // pg_ctl forks the postmaster into the background; setsid keeps Ctrl-C away from it
  const started = asPostgres(
    'setsid',
    [
      path.join(binDir, 'pg_ctl'),
      '-D',
      data,
      '-l',
      logFile,
      '-w',
      '-t',
      String(startTimeout),
      '-s',
      '-o',
      `-c listen_addresses=${host} -p ${port} -k ${sockets}`,
      'start',
    ],
    { stdio: 'inherit' },
  );
  if (started.status !== 0) {
    printTail(logFile, 30);
    die(`PostgreSQL did not start (log: ${logFile})`);
  }
  session.started.push('postgres');
  bootstrap(profile);
  ok(`PostgreSQL ready (pid ${pid(profile)})`);
  return alreadyReady;
}

async function stop(profile: Profile): Promise<void> {
  if (pid(profile) === undefined) return;
  const pgCtl = path.join(postgresBinDir() ?? '', 'pg_ctl');
  const data = dataDir(profile);
  log('stopping PostgreSQL');
  if (asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', String(stopTimeout), '-s', 'stop']).status !== 0) {
    asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', '-t', '10', '-s', 'stop']);
  }
}

export const postgres: Server = {
  name: 'postgres',
  label: 'PostgreSQL',
  overrideVariable: 'POSTGRES_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: () => (postgresBinDir() && commandExists('psql') ? [] : ['postgresql']),
  install: async () => {
    if (postgresBinDir() && commandExists('psql')) return;
    await aptInstall(['postgresql']);
    if (!postgresBinDir()) die('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after installing postgresql');
  },
  launch,
  stop,
  pid,
};
