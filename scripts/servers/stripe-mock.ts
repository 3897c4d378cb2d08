/**
 * stripe-mock (Stripe's own mock of its API, MIT), installed once with Go from the module proxy:
 * the Stripe adapter's calls are tested against it, so their shapes are the real API's. It keeps
 * no data and sends no webhooks.
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
import { cacheDir, host, ports, stripeMockKey, versions } from './settings.js';

const port = ports.stripeMock;
const httpsPort = ports.stripeMockHttps;
const installDir = path.join(cacheDir, `stripe-mock-${versions.stripeMock}`);
const binary = path.join(installDir, 'stripe-mock');
/** Nothing is kept but its log. */
const dataDir = (profile: Profile) => path.join(profile.run, 'stripe-mock');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'stripe-mock'), 'stripe-mock');

async function install(): Promise<void> {
  if (existsSync(binary)) return;
  if (!commandExists('go'))
    die(
      `Go is needed once to install stripe-mock ${versions.stripeMock}; install Go 1.24+ from https://go.dev/dl/, or set STRIPE_API_URL to an existing Stripe API (stripe-mock or https://api.stripe.com)`,
    );
  log(`installing stripe-mock ${versions.stripeMock} (Go, from the module proxy)...`);
  const staging = `${installDir}.tmp`;
  mkdirSync(staging, { recursive: true });
  const logFile = path.join(cacheDir, 'stripe-mock-install.log');
  const status = await runLogged('go', ['install', `github.com/stripe/stripe-mock@${versions.stripeMock}`], logFile, {
    env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod' },
  });
  if (status !== 0) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    die(`could not install stripe-mock (log: ${logFile})`);
  }
  renameSync(staging, installDir);
  ok(`stripe-mock installed: ${binary}`);
}

async function launch(session: Session) {
  const { profile } = session;
  const logFile = path.join(dataDir(profile), 'stripe-mock.log');
  const running = pid(profile);
  if (running !== undefined && (await portOpen(port))) {
    log(`stripe-mock already running (pid ${running}, port ${port})`);
    return alreadyReady;
  }
  if (await portOpen(port)) portConflict(stripeMock, port, profile);
  if (await portOpen(httpsPort)) portConflict(stripeMock, httpsPort, profile);
  log(`starting stripe-mock on http://${host}:${port}`);
  await launchProcess(session, {
    name: 'stripe-mock',
    label: 'stripe-mock',
    log: logFile,
    command: binary,
    // Given -http-addr alone, stripe-mock still opens HTTPS on every interface (:12112): pinned to loopback here.
    args: ['-http-addr', `${host}:${port}`, '-https-addr', `${host}:${httpsPort}`],
    // Any test-mode key is accepted; without one every call answers 401.
    ready: () => httpOk(`http://${host}:${port}/v1/balance`, { authorization: `Bearer ${stripeMockKey}` }),
  });
  return alreadyReady;
}

export const stripeMock: Server = {
  name: 'stripe-mock',
  label: 'stripe-mock (Stripe API)',
  overrideVariable: 'STRIPE_API_URL',
  port,
  ports: [port, httpsPort],
  dataDir,
  missingPackages: () => [],
  install,
  launch,
  stop: stopRunning('stripe-mock', pid, { timeoutSeconds: 10 }),
  pid,
};
