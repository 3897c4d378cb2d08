import { postgresUrlOf, processSpec } from '@smartcourse/contracts';

const databaseUrlOf = (name: string) => postgresUrlOf(name, process.env);

/** Where the local servers are: the environment the test command exports, else the local defaults. */
export const env = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  mailApiUrl: process.env.MAIL_API_URL ?? 'http://127.0.0.1:1080',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  userDatabaseUrl: databaseUrlOf('user'),
  enrollmentDatabaseUrl: databaseUrlOf('enrollment-progress'),
  courseDatabaseUrl: databaseUrlOf('course'),
  certificateDatabaseUrl: databaseUrlOf('certificate'),
  paymentDatabaseUrl: databaseUrlOf('payment'),
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
  /** The S3-compatible store (the local versitygw of scripts/servers/versitygw.ts unless S3_URL names another). */
  s3: {
    endpoint: process.env.S3_URL ?? 'http://127.0.0.1:7070',
    bucket: process.env.S3_BUCKET ?? 'smartcourse',
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'smartcourse',
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'smartcourse-local-s3',
  },
  /** The Stripe API the adapter is tested against: the local stripe-mock of scripts/servers/stripe-mock.ts unless STRIPE_API_URL names another. */
  stripeApiUrl: process.env.STRIPE_API_URL ?? 'http://127.0.0.1:12111',
  gatewayUrl: `http://127.0.0.1:${process.env.GATEWAY_PORT ?? processSpec('gateway').port}`,
};

export const repoRoot = new URL('../../', import.meta.url).pathname;
