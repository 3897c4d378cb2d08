import { hostname, userInfo } from 'node:os';

/** Who is at the keyboard, for the audit: $SC_OPERATOR when set, else the OS user@hostname. */
export function operatorName(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.SC_OPERATOR?.trim();
  return named ? named : `${userInfo().username}@${hostname()}`;
}
