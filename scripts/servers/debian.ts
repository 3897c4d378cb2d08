/** Debian packages: installed with apt-get (as root, or through password-less sudo). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { commandExists, runLogged, runSync, sleep, tail } from './command.js';
import { die, log } from './messages.js';
import { cacheDir } from './settings.js';

export const isRoot = () => process.getuid?.() === 0;

async function waitForApt(): Promise<void> {
  let waited = 0;
  const busy = () => ['apt-get', 'dpkg', 'apt'].some((name) => runSync('pgrep', ['-x', name]).status === 0);
  while (busy()) {
    if (waited === 0) log('another apt-get/dpkg is running; waiting for it to finish...');
    await sleep(2000);
    waited += 2;
    if (waited > 900) die('apt-get/dpkg still running after 15 minutes; try again later');
  }
}

export async function aptInstall(packages: readonly string[]): Promise<void> {
  let sudo: string[] = [];
  if (!isRoot()) {
    if (commandExists('sudo') && runSync('sudo', ['-n', 'true']).status === 0) sudo = ['sudo', '-n'];
    else die(`missing Debian packages: ${packages.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  }
  await waitForApt();
  log(`installing Debian packages: ${packages.join(' ')} (apt-get)`);
  mkdirSync(cacheDir, { recursive: true });
  const logFile = path.join(cacheDir, 'apt.log');
  const script = `${sudo.join(' ')} apt-get update && DEBIAN_FRONTEND=noninteractive ${sudo.join(' ')} apt-get install -y --no-install-recommends "$@"`;
  if ((await runLogged('bash', ['-c', script, 'apt', ...packages], logFile)) !== 0) {
    process.stderr.write(`${tail(logFile, 20)}\n`);
    die(`apt-get install ${packages.join(' ')} failed (full log: ${logFile})`);
  }
}

/** A command, installing its Debian package when it is missing. */
export async function needCommand(command: string, debianPackage: string): Promise<void> {
  if (commandExists(command)) return;
  await aptInstall([debianPackage]);
  if (!commandExists(command)) die(`'${command}' is still missing after installing ${debianPackage}`);
}

export async function needJava(): Promise<void> {
  if (!commandExists('java')) await aptInstall(['openjdk-17-jre-headless']);
  const first = runSync('java', ['-version']).stderr.split('\n')[0] ?? '';
  const major = Number(/version "(\d+)/.exec(first)?.[1]);
  if (!(major >= 17)) die(`Java 17 or later is needed (found: ${first})`);
}

export async function needMaven(): Promise<void> {
  await needJava();
  await needCommand('mvn', 'maven');
}

/** The browser tests drive Debian's chromium through playwright-core (never a browser download). */
export async function installChromium(): Promise<void> {
  if (commandExists('/usr/bin/chromium') || runSync('test', ['-x', '/usr/bin/chromium']).status === 0) return;
  await aptInstall(['chromium']);
  if (runSync('test', ['-x', '/usr/bin/chromium']).status !== 0) die('/usr/bin/chromium is still missing after installing chromium');
}
