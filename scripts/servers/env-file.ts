/**
 * .run/<profile>/env: where every server is (the user's URL when given, else the local one), each
 * service's database URL from the topology, and a line sourcing the profile's secrets. Sourced by
 * the scripts and by anyone's shell: `source .run/dev/env`.
 */
import { spawnSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentStoreDatabase, startOrder, type ProcessSpec } from '../../contracts/src/topology.js';
import { die } from './messages.js';
import { hostPort } from './postgres.js';
import type { Profile } from './profile.js';
import { ensureSecrets } from './secrets.js';
import { shellQuote } from './shell-quote.js';
import { host, ports, postgresRole, postgresSuperPassword, s3Local } from './settings.js';

/** `[variable, database]` of every Postgres store of the processes, in start order. */
export function databaseVariables(processes: readonly ProcessSpec[] = startOrder): [string, string][] {
  return processes.flatMap((p) => p.stores.flatMap((store): [string, string][] => (store.kind === 'postgres' ? [[store.urlEnv, store.database]] : [])));
}

/** The env file's text for a profile, given the user's environment (its URLs win). */
export function renderEnv(profile: Profile, env: Readonly<Record<string, string | undefined>>): string {
  const postgres = env.POSTGRES_URL ? hostPort(env.POSTGRES_URL) : { host, port: String(ports.postgres) };
  const admin = env.POSTGRES_URL || `postgres://postgres:${postgresSuperPassword}@${host}:${ports.postgres}/postgres`;
  const base = `postgres://${postgresRole.name}:${postgresRole.password}@${postgres.host}:${postgres.port}`;
  const file = path.join(profile.run, 'env');
  const values: [string, string][] = [
    ['KAFKA_BROKERS', env.KAFKA_BROKERS || `${host}:${ports.kafka}`],
    ['SCHEMA_REGISTRY_URL', env.SCHEMA_REGISTRY_URL || `http://${host}:${ports.registry}/apis/ccompat/v7`],
    ['POSTGRES_URL', admin],
    ['REDIS_URL', env.REDIS_URL || `redis://${host}:${ports.redis}`],
    ['MONGO_URL', env.MONGO_URL || `mongodb://${host}:${ports.ferretdb}`],
    ['SMTP_URL', env.SMTP_URL || `smtp://${host}:${ports.smtp}`],
    ['MAIL_API_URL', env.MAIL_API_URL || `http://${host}:${ports.mailWeb}`],
    ['S3_URL', env.S3_URL || `http://${host}:${ports.s3}`],
    ['S3_BUCKET', env.S3_BUCKET || s3Local.bucket],
    ['S3_ACCESS_KEY_ID', env.S3_ACCESS_KEY_ID || s3Local.accessKeyId],
    ['S3_SECRET_ACCESS_KEY', env.S3_SECRET_ACCESS_KEY || s3Local.secretAccessKey],
    ...databaseVariables().map(([variable, database]): [string, string] => [variable, env[variable] || `${base}/${database}`]),
    ['CERTIFICATE_FILES_DIR', env.CERTIFICATE_FILES_DIR || path.join(profile.run, 'certificates')],
    ['CERTIFICATE_KEY_DIR', env.CERTIFICATE_KEY_DIR || path.join(profile.run, 'certificate-keys')],
    ['FERRETDB_DATABASE_URL', env.FERRETDB_DATABASE_URL || `${base}/${documentStoreDatabase}`],
    ['STRIPE_API_URL', env.STRIPE_API_URL || `http://${host}:${ports.stripeMock}`],
  ];
  return [
    `# SmartCourse local infrastructure (${profile.name} profile) — written by scripts/servers/env-file.ts`,
    `# Use: set -a; source ${file}; set +a   (or just: source ${file})`,
    `export SMARTCOURSE_PROFILE=${profile.name}`,
    `export SMARTCOURSE_ENV_FILE=${file}`,
    ...values.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    "# this profile's own secrets (generated once, mode 600; see docs/security.md)",
    `source ${shellQuote(path.join(profile.run, 'secrets'))}`,
    '',
  ].join('\n');
}

export function writeEnv(profile: Profile): void {
  const staging = path.join(profile.run, 'env.tmp');
  writeFileSync(staging, renderEnv(profile, process.env));
  ensureSecrets(profile);
  renameSync(staging, path.join(profile.run, 'env'));
}

const shellOwn = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD']);

/** The variables an env file sets or changes, as bash sources it (it sources the secrets file in turn). */
export function loadEnvFile(file: string): Record<string, string> {
  const result = spawnSync('bash', ['-c', 'set -a; source "$1" >/dev/null; set +a; env -0', 'env', file], { encoding: 'utf8', env: process.env });
  if (result.status !== 0) die(`could not read ${file}: ${result.stderr}`);
  const loaded: Record<string, string> = {};
  for (const entry of result.stdout.split('\0')) {
    const at = entry.indexOf('=');
    const [name, value] = [entry.slice(0, at), entry.slice(at + 1)];
    if (at > 0 && !shellOwn.has(name) && process.env[name] !== value) loaded[name] = value;
  }
  return loaded;
}
