/** MailDev 2 (an SMTP sink with a web UI and REST API), a dependency of infrastructure/package.json. */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchProcess } from './launch-process.js';
import { die, log } from './messages.js';
import { alivePid, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { pidFile, type Profile } from './profile.js';
import { httpOk } from './readiness.js';
import { alreadyReady, type Server, type Session } from './server.js';
import { host, ports, root } from './settings.js';

const smtpPort = ports.smtp;
const webPort = ports.mailWeb;
const entry = path.join(root, 'node_modules/maildev/bin/maildev');
const dataDir = (profile: Profile) => path.join(profile.run, 'maildev');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'maildev'), 'maildev');

function needInstalled(): void {
  if (!existsSync(entry)) die('MailDev is missing from node_modules (it is a dependency of infrastructure/package.json); run: npm install');
}

async function launch(session: Session) {
  const { profile } = session;
  const dir = dataDir(profile);
  const logFile = path.join(dir, 'maildev.log');
  const running = pid(profile);
  if (running !== undefined && (await portOpen(smtpPort))) {
    log(`MailDev already running (pid ${running}, SMTP ${smtpPort}, web ${webPort})`);
    return alreadyReady;
  }
  if (await portOpen(smtpPort)) portConflict(maildev, smtpPort, profile);
  if (await portOpen(webPort)) portConflict(maildev, webPort, profile);
  needInstalled();
  mkdirSync(path.join(dir, 'mail'), { recursive: true });
  log(`starting MailDev (SMTP ${host}:${smtpPort}, web http://${host}:${webPort})`);
  await launchProcess(session, {
    name: 'maildev',
    label: 'MailDev',
    log: logFile,
    command: process.execPath,
    args: [entry, '--smtp', String(smtpPort), '--web', String(webPort), '--ip', host, '--web-ip', host, '--mail-directory', path.join(dir, 'mail')],
    ready: async () => (await httpOk(`http://${host}:${webPort}/email`)) && (await portOpen(smtpPort)),
  });
  return alreadyReady;
}

export const maildev: Server = {
  name: 'maildev',
  label: 'MailDev (SMTP)',
  overrideVariable: 'SMTP_URL',
  port: smtpPort,
  ports: [smtpPort, webPort],
  dataDir,
  missingPackages: () => [],
  install: async () => needInstalled(),
  launch,
  stop: stopRunning('MailDev', pid, { timeoutSeconds: 10 }),
  pid,
};
