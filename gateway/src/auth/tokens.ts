import { errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import { roles, type Role } from '@smartcourse/contracts';
import { unauthorized, type TokenSettings } from '@smartcourse/platform';

export interface AuthenticatedUser {
  userId: string;
  role: Role;
  tokenId: string;
  expiresAt: number;
  /** Seconds since the epoch, as in `iat` (with milliseconds as fractions in tokens that carry them). */
  issuedAt: number;
  /** The session (refresh-token family) the token was issued for; tokens from before sessions have none. */
  sessionId?: string | undefined;
}

/**
 * Verifies an access token: HS256 only (no `none`, no algorithm confusion), a known `kid`,
 * issuer, audience, expiry and not-before, and `type=access`.
 */
export async function verifyAccessToken(settings: TokenSettings, token: string): Promise<AuthenticatedUser> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header: JWTHeaderParameters) => {
        const key = header.kid ? settings.keys.get(header.kid) : undefined;
        if (!key) throw new errors.JWSSignatureVerificationFailed('unknown key id');
        return key;
      },
      {
        algorithms: ['HS256'],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
        clockTolerance: 5,
      },
    );
    const role = payload.role as Role;
    if (payload.type !== 'access' || !roles.includes(role) || !payload.sub || !payload.jti || !payload.exp) {
      throw unauthorized('The token is not an access token.');
    }
    const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
    return { userId: payload.sub, role, tokenId: payload.jti, expiresAt: payload.exp, issuedAt: payload.iat ?? 0, sessionId };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized('The token has expired.');
    if (error instanceof errors.JOSEError) throw unauthorized('The token is not valid.');
    throw error;
  }
}
