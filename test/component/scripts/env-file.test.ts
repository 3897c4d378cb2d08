import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { postgresDatabases, startOrder } from '@smartcourse/contracts';
import { databaseVariables, renderEnv } from '../../../scripts/servers/env-file.js';
import { bootstrapSql } from '../../../scripts/servers/postgres.js';
import { renderSecrets } from '../../../scripts/servers/secrets.js';
import { shellQuote } from '../../../scripts/servers/shell-quote.js';

/** The pure parts of the servers' scripts: the env file, the secrets file, the bootstrap SQL. No server. */

const profile = { name: 'test', run: '/clone/.run/test' } as const;

/** What bash makes of a file of `export` lines. */
function sourced(text: string): Record<string, string> {
  const result = spawnSync('bash', ['-c', 'eval "$(grep ^export)"; env -0'], { input: text, encoding: 'utf8', env: {} });
  return Object.fromEntries(
    result.stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

describe('the env file', () => {
  it("names the local servers and every Postgres database of the topology, and sources the profile's secrets", () => {
    const text = renderEnv(profile, {});
    const env = sourced(text);
    expect(env).toMatchObject({
      SMARTCOURSE_PROFILE: 'test',
      SMARTCOURSE_ENV_FILE: '/clone/.run/test/env',
      KAFKA_BROKERS: '127.0.0.1:9092',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
      POSTGRES_URL: 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
      REDIS_URL: 'redis://127.0.0.1:6379',
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      MAIL_API_URL: 'http://127.0.0.1:1080',
      CERTIFICATE_FILES_DIR: '/clone/.run/test/certificates',
      FERRETDB_DATABASE_URL: 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_ferretdb',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });
    const stores = startOrder.flatMap((p) => p.stores.filter((store) => store.kind === 'postgres'));
    expect(stores.length).toBeGreaterThan(0);
    for (const store of stores) {
      if (store.kind === 'postgres') expect(env[store.urlEnv]).toBe(`postgres://smartcourse:smartcourse@127.0.0.1:5432/${store.database}`);
    }
    expect(text.trimEnd().split('\n').at(-1)).toBe('source /clone/.run/test/secrets');
  });

  it('keeps the servers the user names, and puts the databases on their Postgres', () => {
    const env = sourced(
      renderEnv(profile, {
        POSTGRES_URL: 'postgres://admin:secret@db.example:6543/postgres',
        KAFKA_BROKERS: 'broker:19092',
        USER_DATABASE_URL: 'postgres://u:p@elsewhere/users',
        STRIPE_API_URL: 'https://api.stripe.com',
      }),
    );
    expect(env.POSTGRES_URL).toBe('postgres://admin:secret@db.example:6543/postgres');
    expect(env.KAFKA_BROKERS).toBe('broker:19092');
    expect(env.STRIPE_API_URL).toBe('https://api.stripe.com');
    expect(env.USER_DATABASE_URL).toBe('postgres://u:p@elsewhere/users');
    expect(env.COURSE_DATABASE_URL).toBe('postgres://smartcourse:smartcourse@db.example:6543/smartcourse_course');
    expect(env.FERRETDB_DATABASE_URL).toBe('postgres://smartcourse:smartcourse@db.example:6543/smartcourse_ferretdb');
  });

  it('writes one variable per Postgres store, in start order', () => {
    expect(databaseVariables().map(([variable]) => variable)).toEqual([
      'USER_DATABASE_URL',
      'COURSE_DATABASE_URL',
      'ENROLLMENT_DATABASE_URL',
      'CERTIFICATE_DATABASE_URL',
      'NOTIFICATION_SCHEDULER_DATABASE_URL',
      'MEDIA_DATABASE_URL',
      'PAYMENT_DATABASE_URL',
    ]);
  });
});

describe('the secrets file', () => {
  it('holds fresh values each time, the key ring naming its active key', () => {
    const first = sourced(renderSecrets('dev', new Date('2026-12-07T00:00:00Z')));
    const second = sourced(renderSecrets('dev', new Date('2026-12-07T00:00:00Z')));
    expect(first.JWT_ACTIVE_KID).toMatch(/^dev-20261207-[0-9a-f]{6}$/);
    expect(first.JWT_KEYS).toMatch(new RegExp(`^${first.JWT_ACTIVE_KID}:[0-9a-f]{64}$`));
    expect(first.INTERNAL_API_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    expect(Buffer.from(first.MFA_ENCRYPTION_KEY!, 'base64')).toHaveLength(32);
    expect(first.NOTIFICATION_UNSUBSCRIBE_SECRET).toMatch(/^[0-9a-f]{64}$/);
    for (const name of ['JWT_KEYS', 'INTERNAL_API_TOKEN', 'MFA_ENCRYPTION_KEY', 'NOTIFICATION_UNSUBSCRIBE_SECRET']) expect(second[name]).not.toBe(first[name]);
  });
});

describe('shell quoting', () => {
  it('gives bash back every value unchanged', () => {
    const values = ['plain', 'with space', "it's", 'a$b`c`"d"', 'x=y+z/w', ''];
    const env = sourced(values.map((value, i) => `export V${i}=${shellQuote(value)}`).join('\n'));
    expect(values.map((_, i) => env[`V${i}`] ?? '')).toEqual(values);
  });
});

describe('the Postgres bootstrap', () => {
  it('creates the role and every database of the topology, only when missing', () => {
    const sql = bootstrapSql();
    expect(sql).toContain("WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartcourse')");
    for (const database of postgresDatabases) expect(sql).toContain(`WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${database}')`);
  });
});
