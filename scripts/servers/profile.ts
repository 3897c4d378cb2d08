/**
 * A profile: `dev` keeps its data across restarts, `test` is wiped each time it is initialised.
 * Data, logs, pid files and the env file live in .run/<profile>/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { die } from './messages.js';
import { root } from './settings.js';

export type ProfileName = 'dev' | 'test';

export interface Profile {
  readonly name: ProfileName;
  /** .run/<profile> */
  readonly run: string;
}

export function profileNamed(name: string): Profile {
  if (name !== 'dev' && name !== 'test') die(`unknown profile '${name}' (use dev or test)`);
  return { name, run: path.join(root, '.run', name) };
}

export const pidFile = (profile: Profile, name: string) => path.join(profile.run, 'pids', `${name}.pid`);

/** The servers' variables the env file writes (the services' databases come from the topology). */
export const serverEnvVariables = [
  'KAFKA_BROKERS',
  'SCHEMA_REGISTRY_URL',
  'POSTGRES_URL',
  'REDIS_URL',
  'MONGO_URL',
  'SMTP_URL',
  'MAIL_API_URL',
  'CERTIFICATE_FILES_DIR',
  'CERTIFICATE_KEY_DIR',
  'FERRETDB_DATABASE_URL',
  'STRIPE_API_URL',
] as const;

/**
 * Forgets values that came from sourcing one of our own env files earlier in this shell: only
 * values the user set themselves count as "use this existing server".
 */
export function forgetSourcedEnv(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SMARTCOURSE_ENV_FILE;
  if (!file) return;
  for (const name of serverEnvVariables) delete env[name];
  if (existsSync(file)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^export ([A-Z_][A-Z0-9_]*)=/gm)) delete env[match[1]!];
  }
  delete env.SMARTCOURSE_ENV_FILE;
  delete env.SMARTCOURSE_PROFILE;
}

/** Did the user name an existing server in this variable? */
export const overridden = (variable: string) => Boolean(process.env[variable]);
