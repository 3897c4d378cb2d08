import { z } from 'zod';
import { trimmedText } from './text.js';

const code = trimmedText(6, 32);

export const MfaCodeRequest = z.strictObject({ code });
export type MfaCodeRequest = z.infer<typeof MfaCodeRequest>;

export const MfaSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export const MfaRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** What login answers instead of tokens when the account has MFA on. */
export const MfaChallenge = z.object({ mfaRequired: z.literal(true), challengeToken: z.string(), expiresIn: z.number().int() });

export const MfaLoginRequest = z.strictObject({ challengeToken: z.string().min(20).max(200), code });
export type MfaLoginRequest = z.infer<typeof MfaLoginRequest>;
