/**
 * Creates the first admin (or makes an existing account an admin). Public registration never
 * creates admins; this operator command does, writing to the user database and its outbox —
 * the user service publishes the events when it runs.
 *
 *   SMARTCOURSE_ADMIN_PASSWORD=… npx tsx services/user/src/cli/create-admin.ts --email root@example.com --full-name "Root Admin"
 *
 * The password is read from SMARTCOURSE_ADMIN_PASSWORD (never from the command line, where
 * other users of the machine could see it); it is needed only when the account does not exist.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RegisterRequest } from '@smartcourse/contracts';
import { AppError, createDb, loadConfig, migrateService, newContext, parse, placementOf } from '@smartcourse/platform';
import { migrations } from '../../migrations/index.js';
import { configSchema } from '../config.js';
import { loadPasswordPolicy } from '../passwords/policy.js';
import { grantAdmin } from '../users/admin-grant.js';
import { register } from '../users/registration.js';

const config = loadConfig(
  configSchema.pick({ USER_DATABASE_URL: true, PASSWORD_MIN_LENGTH: true }).extend({
    SMARTCOURSE_ADMIN_PASSWORD: z.string().optional().describe("The first admin's password, for the create-admin command only."),
  }),
);
const { values } = parseArgs({ options: { email: { type: 'string' }, 'full-name': { type: 'string' } } });
if (!values.email || !values['full-name']) {
  process.stderr.write('usage: create-admin --email <email> --full-name <name>   (password in SMARTCOURSE_ADMIN_PASSWORD)\n');
  process.exit(64);
}

const db = createDb({ url: placementOf('user', config).postgresUrl, poolMax: 2 });
// No relay runs here: the events wait in the outbox for the service's relay.
const writer = { db, relay: { wake: () => undefined } };
try {
  await migrateService(db, migrations);
  const context = newContext();
  const email = values.email.trim().toLowerCase();
  if (config.SMARTCOURSE_ADMIN_PASSWORD !== undefined) {
    const input = parse(RegisterRequest, { email, password: config.SMARTCOURSE_ADMIN_PASSWORD, fullName: values['full-name'] });
    const policy = await loadPasswordPolicy({ minLength: config.PASSWORD_MIN_LENGTH });
    await register({ ...writer, policy }, input, context).catch((error: unknown) => {
      // An existing account is promoted below; anything else is a real failure.
      if (!(error instanceof AppError && error.code === 'EMAIL_TAKEN')) throw error;
    });
  }
  const { user, changed } = await grantAdmin(writer, email, context);
  process.stdout.write(`${changed ? 'granted admin to' : 'already an admin:'} ${user.email} (${user.id})\n`);
} catch (error) {
  process.stderr.write(`create-admin failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
