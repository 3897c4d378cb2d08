import argon2 from 'argon2';

// OWASP: argon2id, m = 19 MiB, t = 2, p = 1.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, options);

// Verifying against this when the email is unknown keeps the response time the same.
const absentUserHash = hashPassword('no-such-user-placeholder-password');

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await absentUserHash), password);
  } catch {
    return false; // a malformed stored hash never matches
  }
}
