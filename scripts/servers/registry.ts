/** Apicurio Registry 3.0.9 from Maven Central, storing schemas in Kafka (kafkasql). */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged, tail } from './command.js';
import { needMaven } from './debian.js';
import { cdsOptions, jvmPackages, kafkaTool } from './jvm.js';
import { bootstrapServers } from './kafka.js';
import { die, log, ok } from './messages.js';
import { alivePid, spawnServer, stopRunning } from './pids.js';
import { portConflict, portOpen } from './ports.js';
import { overridden, pidFile, type Profile } from './profile.js';
import { httpOk, waitUntil } from './readiness.js';
import { alreadyReady, type Pending, type Server, type Session } from './server.js';
import { cacheDir, heaps, host, ports, startTimeout, versions } from './settings.js';

const port = ports.registry;
const apicurioHome = path.join(cacheDir, `apicurio-registry-${versions.apicurio}`);
const runnerJar = `apicurio-registry-app-${versions.apicurio}-runner.jar`;
const dataDir = (profile: Profile) => path.join(profile.run, 'registry');
const pid = (profile: Profile) => alivePid(pidFile(profile, 'registry'), 'apicurio-registry');
export const registryUrl = `http://${host}:${port}`;

async function install(): Promise<void> {
  if (existsSync(path.join(apicurioHome, '.installed')) && existsSync(path.join(apicurioHome, runnerJar))) return;
  await needMaven();
  log(`downloading Apicurio Registry ${versions.apicurio} from Maven Central (about 105 MB, once)...`);
  const downloads = path.join(cacheDir, 'downloads');
  const logFile = path.join(cacheDir, 'apicurio-install.log');
  mkdirSync(downloads, { recursive: true });
  const artifact = `io.apicurio:apicurio-registry-app:${versions.apicurio}:tar.gz:all`;
  if (
    (await runLogged('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${downloads}`], logFile, { cwd: downloads })) !== 0
  ) {
    process.stderr.write(`${tail(logFile, 30)}\n`);
    die(`could not download Apicurio Registry with Maven (log: ${logFile})`);
  }
  const staging = `${apicurioHome}.tmp`;
  const archive = path.join(downloads, `apicurio-registry-app-${versions.apicurio}-all.tar.gz`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  if ((await runLogged('tar', ['-xzf', archive, '-C', staging], path.join(cacheDir, 'apicurio-unpack.log'))) !== 0) die(`could not unpack ${archive}`);
  if (!existsSync(path.join(staging, runnerJar))) die(`unexpected Apicurio archive layout (no runner jar) in ${downloads}`);
  rmSync(apicurioHome, { recursive: true, force: true });
  renameSync(staging, apicurioHome);
  rmSync(archive, { force: true });
  writeFileSync(path.join(apicurioHome, '.installed'), `${new Date().toISOString()}\n`);
  ok(`Apicurio Registry ${versions.apicurio} installed in ${apicurioHome}`);
}

const registryTopics = ['kafkasql-journal', 'kafkasql-snapshots', 'registry-events'];

/**
 * The broker does not auto-create topics, so the registry's topics are created here
 * (1 partition; journal and snapshots kept forever). Apicurio skips topics that exist.
 */
async function createTopics(profile: Profile): Promise<void> {
  const bootstrap = bootstrapServers();
  const marker = path.join(profile.run, 'kafka/data/.smartcourse-registry-topics');
  const external = overridden('KAFKA_BROKERS');
  if (!external && existsSync(marker)) return;
  const listed = await kafkaTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap, '--list'], { quietErrors: true, output: 'capture' });
  if (listed.status !== 0) die(`could not list topics on ${bootstrap}`);
  const existing = new Set(listed.stdout.split('\n'));
  const creations = registryTopics
    .filter((topic) => !existing.has(topic))
    .map((topic) => {
      const kept = topic === 'registry-events' ? [] : ['--config', 'retention.ms=-1', '--config', 'retention.bytes=-1', '--config', 'cleanup.policy=delete'];
      log(`creating topic ${topic} for the schema registry`);
      return kafkaTool(
        'org.apache.kafka.tools.TopicCommand',
        ['--bootstrap-server', bootstrap, '--create', '--if-not-exists', '--topic', topic, '--partitions', '1', '--replication-factor', '1', ...kept],
        { output: 'ignore' },
      );
    });
  const results = await Promise.all(creations);
  if (results.some((result) => result.status !== 0)) die(`could not create the schema registry's topics on ${bootstrap}`);
  if (!external) writeFileSync(marker, '');
}

function waiting(started: number, logFile: string): Pending {
  return {
    ready: async () => {
      const answered = await waitUntil({
        timeoutSeconds: startTimeout,
        what: 'schema registry',
        pid: started,
        log: logFile,
        check: () => httpOk(`${registryUrl}/apis/ccompat/v7/subjects`),
      });
      if (!answered) die(`the schema registry did not become ready (log: ${logFile})`);
      ok(`schema registry ready (pid ${started})`);
    },
  };
}

/** Starts the registry (Kafka must answer) and returns at once; `ready()` waits for its API. */
async function launch(session: Session): Promise<Pending> {
  const { profile } = session;
  const dir = dataDir(profile);
  const logFile = path.join(dir, 'registry.log');
  const running = pid(profile);
  if (running !== undefined) {
    if (await portOpen(port)) {
      log(`schema registry already running (pid ${running}, port ${port})`);
      return alreadyReady;
    }
    log(`schema registry is starting (pid ${running}); waiting for it`);
    return waiting(running, logFile);
  }
  if (await portOpen(port)) portConflict(registry, port, profile);
  await createTopics(profile);
  mkdirSync(path.join(dir, 'snapshots'), { recursive: true });
  log(`starting Apicurio Registry ${versions.apicurio} on ${registryUrl} (kafkasql on ${bootstrapServers()})`);
  const started = spawnServer({
    name: 'registry',
    profileName: profile.name,
    pidPath: pidFile(profile, 'registry'),
    log: logFile,
    cwd: dir,
    env: {
      ...process.env,
      APICURIO_STORAGE_KIND: 'kafkasql',
      APICURIO_KAFKASQL_BOOTSTRAP_SERVERS: bootstrapServers(),
      APICURIO_KAFKASQL_TOPIC: 'kafkasql-journal',
      APICURIO_KAFKASQL_SNAPSHOTS_TOPIC: 'kafkasql-snapshots',
      APICURIO_EVENTS_KAFKA_TOPIC: 'registry-events',
      APICURIO_KAFKASQL_CONSUMER_POLL_TIMEOUT: '100',
      APICURIO_STORAGE_SNAPSHOT_LOCATION: path.join(dir, 'snapshots'),
      APICURIO_CCOMPAT_USE_CANONICAL_HASH: 'true',
      APICURIO_REST_DELETION_ARTIFACT_ENABLED: 'true',
      APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED: 'true',
      APICURIO_REST_DELETION_GROUP_ENABLED: 'true',
      QUARKUS_HTTP_HOST: host,
      QUARKUS_HTTP_PORT: String(port),
      QUARKUS_HTTP_ACCESS_LOG_ENABLED: 'false',
      QUARKUS_LOG_LEVEL: profile.name === 'test' ? 'WARN' : 'INFO',
      QUARKUS_LOG_CONSOLE_COLOR: 'false',
    },
    command: 'java',
    args: [
      ...heaps.registry,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      ...cdsOptions(path.join(apicurioHome, 'app-cds.jsa'), profile),
      '-jar',
      path.join(apicurioHome, runnerJar),
    ],
  });
  session.started.push('registry');
  return waiting(started, logFile);
}

export const registry: Server = {
  name: 'registry',
  label: 'schema registry (Apicurio)',
  overrideVariable: 'SCHEMA_REGISTRY_URL',
  port,
  ports: [port],
  dataDir,
  missingPackages: jvmPackages,
  install,
  launch,
  stop: stopRunning('schema registry', pid, { saying: 'the schema registry' }),
  pid,
};
