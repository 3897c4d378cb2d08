/**
 * Ralph (openfun/ralph, the Learning Record Store Open edX uses, MIT), installed once from PyPI
 * into a virtualenv in the download cache: the analytics service sends its xAPI statements to it
 * (XAPI_LRS_URL). It keeps them in the document store (its `mongo` backend on FerretDB, a
 * database per profile): its `fs` backend refuses every write after the first one (the statement
 * file exists and it only creates files), so it cannot serve as an LRS. Each statement is checked
 * by Ralph's own models before it is stored (its partial-success mode, which stores the valid part
 * of a batch, stays off); one HTTP Basic user, whose password is a generated secret.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandExists, runLogged, runSync, tail } from './command.js';
import { launchProcess } from './launch-process.js';
import { die, log, ok } from './messages.js';
import { alivePid, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { pidFile, type Profile } from './profile.js';
import { httpOk } from './readiness.js';
import { profileSecret } from './secrets.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { cacheDir, host, localLrsUsername, ports, versions } from './settings.js';

const port = ports.ralph;
const venv = path.join(cacheDir, `ralph-${versions.ralph}`);
const python = path.join(venv, 'bin/python');
/** Written once pip has installed everything. */
const installed = path.join(venv, 'smartcourse-installed');
/**
 * Ralph's API imports `requests` (its OIDC login) without declaring it in the `lrs` extra: pinned
 * beside it. `backend-mongo` brings motor and pymongo, `cli` the `ralph auth` command.
 */
const requirements = [`ralph-malph[cli,lrs,backend-mongo]==${versions.ralph}`, 'requests==2.34.2'];
/** Its credentials file, the history file of its backends and its log; the statements are in the document store. */
const dataDir = (profile: Profile) => path.join(profile.run, 'ralph');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'ralph'), 'ralph.api');
const scopes = ['statements/write', 'statements/read'];

/** Does `python3 -m venv` work (Debian splits it into python3-venv)? */
const venvWorks = () => commandExists('python3') && runSync('python3', ['-c', 'import ensurepip, venv']).status === 0;

async function install(): Promise<void> {
  if (existsSync(installed)) return;
  if (!venvWorks()) die('python3 with its venv module is needed to install Ralph (Debian: apt-get install python3 python3-venv)');
  log(`installing Ralph ${versions.ralph} (PyPI, into ${venv})...`);
  // a half-made virtualenv is removed, so the next run starts over instead of finding a broken one
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const logFile = path.join(cacheDir, 'ralph-install.log');
  const created = await runLogged('python3', ['-m', 'venv', venv], logFile);
  const status =
    created === 0 ? await runLogged(path.join(venv, 'bin/pip'), ['install', '--disable-pip-version-check', '--no-input', ...requirements], logFile) : created;
  if (status !== 0) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    rmSync(venv, { recursive: true, force: true });
    die(`could not install Ralph (log: ${logFile})`);
  }
  writeFileSync(installed, `${requirements.join('\n')}\n`);
  ok(`Ralph installed: ${venv}`);
}

/** Ralph reads its settings from RALPH_* variables only; the document store is the profile's (or the user's MONGO_URL). */
function ralphEnv(profile: Profile): NodeJS.ProcessEnv {
  const dir = dataDir(profile);
  return {
    ...process.env,
    RALPH_APP_DIR: dir,
    RALPH_AUTH_FILE: path.join(dir, 'auth.json'),
    RALPH_HISTORY_FILE: path.join(dir, 'history.json'),
    RALPH_RUNSERVER_BACKEND: 'mongo',
    RALPH_RUNSERVER_AUTH_BACKENDS: 'basic',
    RALPH_LRS_PARTIAL_SUCCESS_DEFAULT: 'false',
    RALPH_BACKENDS__LRS__MONGO__CONNECTION_URI: process.env.MONGO_URL || `mongodb://${host}:${ports.ferretdb}/`,
    RALPH_BACKENDS__LRS__MONGO__DEFAULT_DATABASE: `smartcourse_lrs_${profile.name}`,
    RALPH_BACKENDS__LRS__MONGO__DEFAULT_COLLECTION: 'statements',
  };
}

/** Writes the credentials file anew from the profile's secret (`ralph auth` hashes the password with bcrypt). */
async function writeCredentials(profile: Profile): Promise<void> {
  const dir = dataDir(profile);
  const file = path.join(dir, 'auth.json');
  const staging = path.join(dir, 'auth.json.tmp');
  rmSync(staging, { force: true });
  const password = profileSecret(profile, 'LOCAL_LRS_PASSWORD');
  const logFile = path.join(dir, 'auth.log');
  const status = await runLogged(
    python,
    [
      '-m',
      'ralph',
      'auth',
      '--username',
      localLrsUsername,
      ...scopes.flatMap((scope) => ['--scope', scope]),
      '--agent-ifi-account',
      localLrsUsername,
      `http://${host}`,
      '--write-to-disk',
    ],
    logFile,
    // the password goes in on stdin (asked twice), never on a command line
    { cwd: dir, env: { ...ralphEnv(profile), RALPH_AUTH_FILE: staging }, input: `${password}\n${password}\n` },
  );
  if (status !== 0 || !existsSync(staging)) {
    process.stderr.write(`${tail(logFile, 20)}\n`);
    die(`could not write Ralph's credentials (log: ${logFile})`);
  }
  renameSync(staging, file);
}

async function launch(session: Session) {
  const { profile } = session;
  const dir = dataDir(profile);
  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`Ralph already running (pid ${running}, port ${port})`);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(ralph, port, profile);
  mkdirSync(dir, { recursive: true });
  await writeCredentials(profile);
  log(`starting Ralph on http://${host}:${port}/xAPI`);
  await launchProcess(session, {
    name: 'ralph',
    label: 'Ralph',
    log: path.join(dir, 'ralph.log'),
    // uvicorn itself, as Ralph's docs advise outside development (`ralph runserver` adds a file-watching reloader)
    command: python,
    args: ['-m', 'uvicorn', 'ralph.api:app', '--host', host, '--port', String(port)],
    env: ralphEnv(profile),
    // 200 once its backend answers (the document store is reached)
    ready: () => httpOk(`http://${host}:${port}/__heartbeat__`),
  });
  return alreadyReady;
}

export const ralph: Server = {
  name: 'ralph',
  label: 'Ralph (xAPI LRS)',
  overrideVariable: 'XAPI_LRS_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: () => (venvWorks() ? [] : ['python3', 'python3-venv']),
  install,
  launch,
  stop: stopRunning('Ralph', pid, { timeoutSeconds: 10 }),
  pid,
};
