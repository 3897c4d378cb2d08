/**
 * The facts every server shares: where the clone and the download cache are, the loopback
 * address, the ports (each overridable by a SMARTCOURSE_*_PORT variable), the versions and the
 * time limits. Read once, when the scripts start.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const infrastructureDir = path.join(root, 'infrastructure');
export const cacheDir = env.SMARTCOURSE_CACHE || path.join(env.HOME || homedir(), '.cache/smartcourse');

export const host = '127.0.0.1';

const port = (variable: string, fallback: number) => Number(env[variable] || fallback);
export const ports = {
  kafka: port('SMARTCOURSE_KAFKA_PORT', 9092),
  kafkaController: port('SMARTCOURSE_KAFKA_CONTROLLER_PORT', 9093),
  registry: port('SMARTCOURSE_REGISTRY_PORT', 8081),
  postgres: port('SMARTCOURSE_POSTGRES_PORT', 5432),
  redis: port('SMARTCOURSE_REDIS_PORT', 6379),
  ferretdb: port('SMARTCOURSE_FERRETDB_PORT', 27017),
  smtp: port('SMARTCOURSE_SMTP_PORT', 1025),
  mailWeb: port('SMARTCOURSE_MAIL_WEB_PORT', 1080),
  s3: port('SMARTCOURSE_S3_PORT', 7070),
  stripeMock: port('SMARTCOURSE_STRIPE_MOCK_PORT', 12111),
  stripeMockHttps: port('SMARTCOURSE_STRIPE_MOCK_HTTPS_PORT', 12112),
};

export const versions = { kafka: '3.9.1', apicurio: '3.0.9', postgresMajor: '15', ferretdb: '1.24.2', versitygw: 'v1.8.0', stripeMock: 'v0.203.0' };

/** JVM heap options, word lists on purpose. */
export const heaps = {
  kafka: (env.SMARTCOURSE_KAFKA_HEAP || '-Xmx512m -Xms128m').split(/\s+/).filter(Boolean),
  registry: (env.SMARTCOURSE_REGISTRY_HEAP || '-Xmx384m -Xms64m').split(/\s+/).filter(Boolean),
};

/** Seconds per server until it must answer; seconds before a stop turns into SIGKILL. */
export const startTimeout = Number(env.SMARTCOURSE_START_TIMEOUT || 120);
export const stopTimeout = Number(env.SMARTCOURSE_STOP_TIMEOUT || 30);

/** The role owning every database, and the local server's superuser password (loopback only). */
export const postgresRole = { name: 'smartcourse', password: 'smartcourse' };
export const postgresSuperPassword = 'postgres';
/** The local S3-compatible server's root credentials and bucket: loopback only, like the Postgres passwords above. */
export const s3Local = { accessKeyId: 'smartcourse', secretAccessKey: 'smartcourse-local-s3', bucket: 'smartcourse' };
/** A test-mode key for stripe-mock, which accepts any: nothing secret (it reaches no Stripe account). */
export const stripeMockKey = 'sk_test_123';
