/**
 * versitygw (an S3-compatible gateway over a directory; Apache-2.0), installed once with Go from
 * the module proxy: the object store the S3 side of the platform is tested against.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { commandExists, runLogged, tail } from './command.js';
import { launchProcess } from './launch-process.js';
import { die, log, ok } from './messages.js';
import { alivePid, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { pidFile, type Profile } from './profile.js';
import { httpOk } from './readiness.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { cacheDir, host, ports, s3Local, versions } from './settings.js';

const port = ports.s3;
const installDir = path.join(cacheDir, `versitygw-${versions.versitygw}`);
const binary = path.join(installDir, 'versitygw');
const dataDir = (profile: Profile) => path.join(profile.run, 's3');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'versitygw'), 'versitygw');

async function install(): Promise<void> {
  if (existsSync(binary)) return;
  if (!commandExists('go'))
    die(
      `Go is needed once to install versitygw ${versions.versitygw}; install Go 1.24+ from https://go.dev/dl/, or set S3_URL to an existing S3-compatible store`,
    );
  log(`installing versitygw ${versions.versitygw} (Go, from the module proxy; a few minutes the first time)...`);
  const staging = `${installDir}.tmp`;
  mkdirSync(staging, { recursive: true });
  const logFile = path.join(cacheDir, 'versitygw-install.log');
  const status = await runLogged('go', ['install', `github.com/versity/versitygw/cmd/versitygw@${versions.versitygw}`], logFile, {
    env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod' },
  });
  if (status !== 0) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    die(`could not install versitygw (log: ${logFile})`);
  }
  renameSync(staging, installDir);
  ok(`versitygw installed: ${binary}`);
}

async function launch(session: Session) {
  const { profile } = session;
  const dir = dataDir(profile);
  const logFile = path.join(profile.run, 'versitygw.log');
  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`versitygw already running (pid ${running}, port ${port})`);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(versitygw, port, profile);
  // With the posix backend a bucket is a directory under the root.
  mkdirSync(path.join(dir, s3Local.bucket), { recursive: true, mode: 0o700 });
  log(`starting versitygw on http://${host}:${port} (bucket ${s3Local.bucket} in ${dir})`);
  await launchProcess(session, {
    name: 'versitygw',
    label: 'versitygw',
    log: logFile,
    command: binary,
    args: ['--port', `${host}:${port}`, '--health', '/health', 'posix', dir],
    env: { ...process.env, ROOT_ACCESS_KEY_ID: s3Local.accessKeyId, ROOT_SECRET_ACCESS_KEY: s3Local.secretAccessKey },
    ready: () => httpOk(`http://${host}:${port}/health`),
  });
  return alreadyReady;
}

export const versitygw: Server = {
  name: 'versitygw',
  label: 'versitygw (S3 API)',
  overrideVariable: 'S3_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: () => [],
  install,
  launch,
  stop: stopRunning('versitygw', pid),
  pid,
};
