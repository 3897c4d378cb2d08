/** The development key ring printed in the source: production refuses it, and no profile of scripts/up or scripts/test uses it. */
export const SHIPPED_SIGNING_KEY = { kid: 'local-1', secret: new TextEncoder().encode('local-development-signing-key-change-me-0001') };

/**
 * The key the gateway signs access tokens with: JWT_ACTIVE_KID of JWT_KEYS as the test command
 * exported them (the test profile's secrets file), for tokens a test shapes itself.
 */
export function activeSigningKey(environment: NodeJS.ProcessEnv = process.env): { kid: string; secret: Uint8Array } {
  const ring = environment.JWT_KEYS;
  const kid = environment.JWT_ACTIVE_KID;
  if (!ring || !kid) throw new Error(`JWT_KEYS and JWT_ACTIVE_KID are unset: run the tests with scripts/test, which exports the profile's keys`);
  const entry = ring.split(',').find((item) => item.slice(0, item.indexOf(':')) === kid);
  if (!entry) throw new Error(`JWT_ACTIVE_KID ${kid} is not in JWT_KEYS`);
  return { kid, secret: new TextEncoder().encode(entry.slice(entry.indexOf(':') + 1)) };
}
