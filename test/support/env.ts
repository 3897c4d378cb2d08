import { processSpec } from '@smartcourse/contracts';

/** Where the local servers are: the environment the test command exports, else the local defaults. */
export const env = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  mailApiUrl: process.env.MAIL_API_URL ?? 'http://127.0.0.1:1080',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  userDatabaseUrl: process.env.USER_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_user',
  enrollmentDatabaseUrl: process.env.ENROLLMENT_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_enrollment',
  courseDatabaseUrl: process.env.COURSE_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_course',
  certificateDatabaseUrl: process.env.CERTIFICATE_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_certificate',
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
  gatewayUrl: `http://127.0.0.1:${process.env.GATEWAY_PORT ?? processSpec('gateway').port}`,
};

export const repoRoot = new URL('../../', import.meta.url).pathname;
