/** Apache Kafka 3.9.1 in KRaft mode, a single node, from the jars Maven Central serves. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged, tail } from './command.js';
import { needMaven } from './debian.js';
import { cdsOptions, jvmPackages, kafkaHome, kafkaToolArgs } from './jvm.js';
import { die, log, ok } from './messages.js';
import { alivePid, spawnServer, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { pidFile, type Profile } from './profile.js';
import { waitUntil } from './readiness.js';
import { alreadyReady, type Pending, type Server, type Session } from './server.js';
import { contentStamp, stampMatches } from './stamp.js';
import { heaps, host, infrastructureDir, ports, startTimeout, versions } from './settings.js';

const port = ports.kafka;
const dataDir = (profile: Profile) => path.join(profile.run, 'kafka');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'kafka'), 'kafka.Kafka');

/** The broker's address: the user's KAFKA_BROKERS, else the local one. */
export const bootstrapServers = () => process.env.KAFKA_BROKERS || `${host}:${port}`;

async function install(): Promise<void> {
  const pom = path.join(infrastructureDir, 'kafka/pom.xml');
  const stamp = contentStamp([pom]);
  const marker = path.join(kafkaHome, '.installed');
  if (stampMatches(marker, stamp)) return;
  await needMaven();
  log(`downloading Kafka ${versions.kafka} jars from Maven Central (about 56 MB, once)...`);
  mkdirSync(kafkaHome, { recursive: true });
  const staging = path.join(kafkaHome, 'libs.tmp');
  rmSync(staging, { recursive: true, force: true });
  const logFile = path.join(kafkaHome, 'install.log');
  const status = await runLogged(
    'mvn',
    ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'],
    logFile,
  );
  if (status !== 0) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    die(`could not download Kafka jars with Maven (log: ${logFile})`);
  }
  rmSync(path.join(kafkaHome, 'libs'), { recursive: true, force: true });
  renameSync(staging, path.join(kafkaHome, 'libs'));
  writeFileSync(marker, `${stamp}\n`);
  ok(`Kafka ${versions.kafka} installed in ${kafkaHome} (${readdirSync(path.join(kafkaHome, 'libs')).length} jars)`);
}

/** A Kafka Uuid: 16 random bytes, base64url without padding, not starting with '-'. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function format(dir: string, properties: string): Promise<void> {
  log(`formatting Kafka storage in ${dir}/data (KRaft)`);
  const idFile = path.join(dir, 'cluster-id');
  if (!existsSync(idFile)) writeFileSync(idFile, `${clusterId()}\n`);
  const id = readFileSync(idFile, 'utf8').replace(/\s/g, '');
  const formatLog = path.join(dir, 'format.log');
  if ((await runLogged('java', kafkaToolArgs('kafka.tools.StorageTool', ['format', '-t', id, '-c', properties, '--ignore-formatted']), formatLog)) !== 0) {
    process.stderr.write(readFileSync(formatLog, 'utf8'));
    die(`could not format Kafka storage (log: ${formatLog})`);
  }
}

/** Waits for "Kafka Server started" written after `offset` in the log, and the port. */
function waiting(pidStarted: number, logFile: string, offset: number): Pending {
  return {
    ready: async () => {
      const started = () => {
        const text = readFileSync(logFile).subarray(offset).toString();
        return text.includes('Kafka Server started');
      };
      const answered = await waitUntil({
        timeoutSeconds: startTimeout,
        what: 'Kafka',
        pid: pidStarted,
        log: logFile,
        check: async () => started() && (await portOpen(port)),
      });
      if (!answered) die(`Kafka did not become ready (log: ${logFile})`);
      ok(`Kafka ready (pid ${pidStarted})`);
    },
  };
}

/** Starts the broker and returns at once, so other servers start while the JVM boots. */
async function launch(session: Session): Promise<Pending> {
  const { profile } = session;
  const dir = dataDir(profile);
  const logFile = path.join(dir, 'kafka.log');
  const running = pid(profile);
  if (running !== undefined) {
    if (await portOpen(port)) {
      log(`Kafka already running (pid ${running}, port ${port})`);
      return alreadyReady;
    }
    log(`Kafka is starting (pid ${running}); waiting for it`);
    return waiting(running, logFile, 0);
  }
  if (await portOpen(port)) portConflict(kafka, port, profile);
  if (await portOpen(ports.kafkaController)) portConflict(kafka, ports.kafkaController, profile);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const properties = path.join(dir, 'server.properties');
  const template = readFileSync(path.join(infrastructureDir, 'kafka/server.properties'), 'utf8');
  writeFileSync(
    properties,
    template
      .replaceAll('@LOG_DIR@', path.join(dir, 'data'))
      .replaceAll('@KAFKA_PORT@', String(port))
      .replaceAll('@CONTROLLER_PORT@', String(ports.kafkaController)),
  );
  if (!existsSync(path.join(dir, 'data/meta.properties'))) await format(dir, properties);
  log(`starting Kafka ${versions.kafka} on ${host}:${port} (controller ${ports.kafkaController})`);
  const offset = existsSync(logFile) ? statSync(logFile).size : 0;
  const started = spawnServer({
    name: 'kafka',
    profileName: profile.name,
    pidPath: pidFile(profile, 'kafka'),
    log: logFile,
    command: 'java',
    args: [
      ...heaps.kafka,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      ...cdsOptions(path.join(kafkaHome, 'app-cds.jsa'), profile),
      '-XX:InitiatingHeapOccupancyPercent=35',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${infrastructureDir}/kafka/log4j.properties`,
      `-Dkafka.logs.dir=${dir}/logs`,
      '-cp',
      `${kafkaHome}/libs/*`,
      'kafka.Kafka',
      properties,
    ],
  });
  session.started.push('kafka');
  return waiting(started, logFile, offset);
}

export const kafka: Server = {
  name: 'kafka',
  label: 'Kafka',
  overrideVariable: 'KAFKA_BROKERS',
  port,
  ports: [port, ports.kafkaController],
  dataDir,
  missingPackages: jvmPackages,
  install,
  launch,
  stop: stopRunning('Kafka', pid, { saying: 'Kafka (controlled shutdown)', timeoutSeconds: 60 }),
  pid,
};
