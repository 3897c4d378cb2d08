/**
 * The servers of a profile as a whole: install what will be started, start them (the JVMs boot
 * while the quick servers start), write the env file, stop in reverse order, show their state.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { commandExists } from './command.js';
import { aptInstall } from './debian.js';
import { writeEnv } from './env-file.js';
import { ferretdb } from './ferretdb.js';
import { kafka } from './kafka.js';
import { maildev } from './maildev.js';
import { die, log, ok, warn } from './messages.js';
import { rssMb } from './pids.js';
import { portOpen } from './ports.js';
import { bootstrapExternal, postgres, wipeExternalDataDir } from './postgres.js';
import { forgetSourcedEnv, overridden, profileNamed, type Profile } from './profile.js';
import { redis } from './redis.js';
import { registry } from './registry.js';
import { start, type Server, type Session } from './server.js';
import { host } from './settings.js';
import { stripeMock } from './stripe-mock.js';
import { servers } from './table.js';
import { versitygw } from './versitygw.js';

const skipped = (server: Server) => overridden(server.overrideVariable);

/** Chooses the profile; `test` is stopped and wiped (unless SMARTCOURSE_KEEP_TEST_DATA=1). */
export async function initProfile(name: string): Promise<Session> {
  const profile = profileNamed(name);
  forgetSourcedEnv();
  if (profile.name === 'test' && process.env.SMARTCOURSE_KEEP_TEST_DATA !== '1' && existsSync(profile.run)) {
    await stopServers(profile, { quiet: true });
    wipeExternalDataDir(profile);
    rmSync(profile.run, { recursive: true, force: true });
  }
  mkdirSync(path.join(profile.run, 'pids'), { recursive: true });
  mkdirSync(path.join(profile.run, 'logs'), { recursive: true });
  return { profile, started: [] };
}

/** Installs only what will be started (servers given by URL are skipped); independent downloads run in parallel. */
export async function installServers(): Promise<void> {
  if (!commandExists('curl')) await aptInstall(['curl']);
  const needed = servers.filter((server) => !skipped(server));
  // the registry needs the Kafka tools' jars even with an external broker (topic creation); FerretDB needs psql's server beside it
  const wanted = new Set(needed);
  if (!skipped(registry)) wanted.add(kafka);
  if (!skipped(ferretdb)) wanted.add(postgres);
  const packages = [...new Set([...wanted].flatMap((server) => server.missingPackages()))];
  // The media service reads a video's duration and takes its poster frame with ffprobe and ffmpeg.
  if (!commandExists('ffmpeg') || !commandExists('ffprobe')) packages.push('ffmpeg');
  if (packages.length > 0) await aptInstall(packages);

  const downloads = [kafka, registry, ferretdb, versitygw, stripeMock].filter((server) => wanted.has(server));
  const results = await Promise.allSettled(downloads.map((server) => server.install()));
  results.forEach((result, index) => {
    if (result.status === 'rejected') warn(`installing ${downloads[index]!.name} failed: ${(result.reason as Error).message}`);
  });
  if (results.some((result) => result.status === 'rejected')) die('installation failed');
  for (const server of [postgres, redis, maildev]) if (!skipped(server)) await server.install();
}

/** Holds the profile's start lock (one starter at a time per profile) until `release`. */
function lockProfile(profile: Profile): Promise<() => void> {
  return new Promise((resolve, reject) => {
    // flock holds the lock while `cat` waits on our pipe: it ends (and the lock with it) when we do
    const holder = spawn('flock', ['-w', '600', path.join(profile.run, '.lock'), '-c', 'echo locked; exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
    holder.stdout.once('data', () => resolve(() => holder.stdin.end()));
    holder.once('exit', (code) => reject(new Error(`another scripts/up or scripts/test is starting the ${profile.name} infrastructure (flock: ${code})`)));
  });
}

export async function startServers(session: Session): Promise<void> {
  const { profile } = session;
  const began = Date.now();
  const release = await lockProfile(profile).catch((error: Error) => die(error.message));
  try {
    for (const server of servers) {
      if (!skipped(server)) continue;
      if (server === postgres) bootstrapExternal(process.env.POSTGRES_URL!);
      else log(`using the existing ${server.label} from ${server.overrideVariable}=${process.env[server.overrideVariable]}`);
    }
    // The JVMs boot while the quick servers start: Kafka, then Postgres and Redis; the registry
    // (needs Kafka), then FerretDB (needs Postgres), MailDev, versitygw and stripe-mock.
    const kafkaStarting = skipped(kafka) ? undefined : await kafka.launch(session);
    if (!skipped(postgres)) await start(postgres, session);
    if (!skipped(redis)) await start(redis, session);
    await kafkaStarting?.ready();
    const registryStarting = skipped(registry) ? undefined : await registry.launch(session);
    if (!skipped(ferretdb)) await start(ferretdb, session);
    if (!skipped(maildev)) await start(maildev, session);
    if (!skipped(versitygw)) await start(versitygw, session);
    if (!skipped(stripeMock)) await start(stripeMock, session);
    await registryStarting?.ready();
    writeEnv(profile);
  } finally {
    release();
  }
  ok(`infrastructure (${profile.name}) ready in ${Math.round((Date.now() - began) / 1000)}s; environment: ${path.join(profile.run, 'env')}`);
}

/** Stops the profile's servers in reverse order: all of them, or only those `started` names. */
export async function stopServers(profile: Profile, options: { only?: readonly string[]; quiet?: boolean } = {}): Promise<void> {
  if (!existsSync(profile.run)) return;
  for (const server of [...servers].reverse()) {
    if (options.only && !options.only.includes(server.name)) continue;
    await server.stop(profile);
  }
  if (!options.quiet) ok(`infrastructure (${profile.name}) stopped`);
}

export const statusRow = (columns: readonly [string, string, string, string, string], first = 12) =>
  `${columns[0].padEnd(first)} ${columns[1].padEnd(8)} ${columns[2].padEnd(8)} ${columns[3].padEnd(7)} ${columns[4]}`;

/** One line per server: running (and RSS), starting, stopped, or a foreign process on its port. */
export async function serversStatus(profile: Profile): Promise<string[]> {
  const lines = [statusRow(['COMPONENT', 'STATE', 'PID', 'RSS_MB', 'ADDRESS'])];
  for (const server of servers) {
    const pid = server.pid(profile);
    const address = `${host}:${server.port}`;
    if (pid !== undefined) {
      const state = (await portOpen(server.port)) ? 'running' : 'starting';
      lines.push(statusRow([server.name, state, String(pid), String(rssMb(pid)), address]));
    } else if (await portOpen(server.port)) {
      lines.push(statusRow([server.name, 'foreign', '-', '-', `${address} (another process)`]));
    } else {
      lines.push(statusRow([server.name, 'stopped', '-', '-', address]));
    }
  }
  return lines;
}
