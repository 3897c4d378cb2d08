import type { Role } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { AccountStatus, User } from './rules.js';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  full_name: string;
  bio: string | null;
  avatar_file_id: string | null;
  role: Role;
  status: AccountStatus;
  email_verified_at: Date | null;
  last_login_at: Date | null;
  erased_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  fullName: row.full_name,
  bio: row.bio,
  avatarFileId: row.avatar_file_id,
  role: row.role,
  status: row.status,
  emailVerifiedAt: row.email_verified_at,
  lastLoginAt: row.last_login_at,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === UNIQUE_VIOLATION;

export async function insertUser(
  db: Knex | Knex.Transaction,
  user: { id: string; email: string; passwordHash: string; fullName: string; role: Role },
): Promise<User> {
  const [row] = await db<UserRow>('users')
    .insert({ id: user.id, email: user.email, password_hash: user.passwordHash, full_name: user.fullName, role: user.role })
    .returning('*');
  return toUser(row as UserRow);
}

export async function findUser(db: Knex | Knex.Transaction, id: string, options: { forUpdate?: boolean } = {}): Promise<User | undefined> {
  const query = db<UserRow>('users').where({ id }).first();
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? toUser(row) : undefined;
}

export async function findCredentials(db: Knex | Knex.Transaction, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db<UserRow>('users').where({ email }).first();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function updateProfile(
  trx: Knex.Transaction,
  id: string,
  profile: { fullName: string; bio: string | null; avatarFileId: string | null },
): Promise<User> {
  const [row] = await trx<UserRow>('users')
    .where({ id })
    .update({ full_name: profile.fullName, bio: profile.bio, avatar_file_id: profile.avatarFileId, version: trx.raw('version + 1'), updated_at: trx.fn.now() })
    .returning('*');
  return toUser(row as UserRow);
}

async function updateUser(trx: Knex.Transaction, id: string, changes: Partial<UserRow>): Promise<User> {
  const [row] = await trx<UserRow>('users')
    .where({ id })
    .update({ ...changes, version: trx.raw('version + 1'), updated_at: trx.fn.now() })
    .returning('*');
  return toUser(row as UserRow);
}

export const setRole = (trx: Knex.Transaction, id: string, role: Role) => updateUser(trx, id, { role });

export const setStatus = (trx: Knex.Transaction, id: string, status: AccountStatus) => updateUser(trx, id, { status });

/** Replaces every piece of personal data; the password hash goes too, so nothing can log in. */
export const eraseIdentity = (trx: Knex.Transaction, id: string, identity: { email: string; fullName: string; bio: null; avatarFileId: null }) =>
  updateUser(trx, id, {
    email: identity.email,
    full_name: identity.fullName,
    bio: identity.bio,
    avatar_file_id: identity.avatarFileId,
    password_hash: '',
    status: 'erased',
    erased_at: new Date(),
  });

export interface UserFilter {
  page: number;
  perPage: number;
  /** Matches email or full name, case-insensitively. */
  search?: string | undefined;
  role?: Role | undefined;
  status?: AccountStatus | undefined;
}

export async function listUsers(db: Knex, filter: UserFilter): Promise<{ users: User[]; total: number }> {
  const query = db<UserRow>('users').where((where) => {
    if (filter.role) where.andWhere('role', filter.role);
    if (filter.status) where.andWhere('status', filter.status);
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.andWhere((inner) => inner.whereILike('email', pattern).orWhereILike('full_name', pattern));
    }
  });
  const [{ count } = { count: '0' }] = await query.clone().count<{ count: string }[]>({ count: '*' });
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage);
  return { users: rows.map(toUser), total: Number(count) };
}

export async function setLastLogin(trx: Knex.Transaction, id: string, at: Date): Promise<void> {
  await trx<UserRow>('users').where({ id }).update({ last_login_at: at });
}

export async function setPasswordHash(trx: Knex.Transaction, id: string, passwordHash: string): Promise<void> {
  await trx<UserRow>('users').where({ id }).update({ password_hash: passwordHash, updated_at: trx.fn.now() });
}

/** Sets the verification time once; false when it was already set. */
export async function setEmailVerified(trx: Knex.Transaction, id: string): Promise<boolean> {
  const updated = await trx<UserRow>('users')
    .where({ id })
    .whereNull('email_verified_at')
    .update({ email_verified_at: trx.fn.now(), version: trx.raw('version + 1'), updated_at: trx.fn.now() });
  return updated === 1;
}
