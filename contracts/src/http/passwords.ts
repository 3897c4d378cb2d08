import { z } from 'zod';

/**
 * A new password as the edge accepts it. The policy itself (length in code points, the common
 * list, the account's email) is the user service's: it is configurable and needs the account.
 * The bound here only keeps absurd bodies out; 512 UTF-16 units hold 128 code points of any kind.
 */
export const NewPassword = z
  .string()
  .min(1)
  .max(512)
  .describe('At least 12 characters (Unicode code points; PASSWORD_MIN_LENGTH of the user service), at most 128; not a common password, not the email.')
  // The document states the default policy, so a generated client sends passwords it accepts.
  .meta({ minLength: 12, maxLength: 128 });

const token = z.string().min(20).max(200);

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(512),
  newPassword: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** Internal: the change, with the caller's session (the access token's `sid`), which stays signed in. */
export const ChangePasswordCall = z.strictObject({ ...ChangePasswordRequest.shape, sessionId: z.uuid().optional() });
export type ChangePasswordCall = z.infer<typeof ChangePasswordCall>;

export const ForgotPasswordRequest = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((value) => value.toLowerCase()),
});
export type ForgotPasswordRequest = z.infer<typeof ForgotPasswordRequest>;

export const ResetPasswordRequest = z.strictObject({ token, newPassword: NewPassword });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const VerifyEmailRequest = z.strictObject({ token });
export type VerifyEmailRequest = z.infer<typeof VerifyEmailRequest>;

/** Internal: the sessions a password change or reset ended, so the gateway refuses their access tokens at once. */
export const RevokedSessions = z.object({ revokedSessionIds: z.array(z.uuid()) });
export type RevokedSessions = z.infer<typeof RevokedSessions>;

/** The answer of requests whose effect is an email: the same whatever the account. */
export const MailAccepted = z.object({ message: z.string() });
