import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './env.js';
import { api, newUser, uniqueEmail } from './http.js';

/** Runs the user service's first-admin command line (creates the account, or promotes an existing one). */
export function createAdmin(email: string, password: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'services/user/src/cli/create-admin.ts'), '--email', email, '--full-name', 'Root Admin'],
    {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: '', SMARTCOURSE_ADMIN_PASSWORD: password },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

/** A fresh admin, signed in. */
export async function newAdmin(): Promise<{ id: string; token: string }> {
  const email = uniqueEmail('Admin');
  const password = 'admin-password-for-tests-1';
  const created = createAdmin(email, password);
  if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);
  const login = await api('POST', '/api/auth/login', { body: { email, password } });
  const token = login.body.data.accessToken as string;
  return { id: (await api('GET', '/api/users/me', { token })).body.data.id as string, token };
}

/** A fresh user made an instructor by an admin, signed in again so the token carries the role. */
export async function newInstructor(admin: { token: string }, label = 'Instructor') {
  const user = await newUser(label);
  const changed = await api('PUT', `/api/admin/users/${user.id}/role`, { token: admin.token, body: { role: 'instructor' } });
  if (changed.status !== 200) throw new Error(`role change answered ${changed.status}: ${JSON.stringify(changed.body)}`);
  const login = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
  return { ...user, token: login.body.data.accessToken as string, fullName: `Test ${label}` };
}
