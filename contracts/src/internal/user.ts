import { IdParams } from '../http/commands.js';
import { PublicInstructor, UserList, UserListQuery } from '../http/admin.js';
import { MfaChallenge, MfaCodeRequest, MfaLoginRequest, MfaRecoveryCodes, MfaSetup } from '../http/mfa.js';
import { ChangePasswordCall, ForgotPasswordRequest, MailAccepted, ResetPasswordRequest, RevokedSessions, VerifyEmailRequest } from '../http/passwords.js';
import { LogoutRequest, RefreshRequest, SessionList, SessionListQuery, SessionParams } from '../http/sessions.js';
import { LoginRequest, RegisterRequest, TokenResponse, UserProfile } from '../http/users.js';
import { internalEndpoint } from './endpoint.js';

/**
 * The user service's internal API: credential and session operations (synchronous, so passwords,
 * tokens and codes never travel through Kafka) and account queries.
 */

export const RegisterEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/register', body: RegisterRequest, response: UserProfile });

export const LoginEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/login', body: LoginRequest, response: TokenResponse.or(MfaChallenge) });

export const MfaLoginEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/login/mfa', body: MfaLoginRequest, response: TokenResponse });

export const RefreshEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/refresh', body: RefreshRequest, response: TokenResponse });

/** Ends the actor's session; answers 204. */
export const LogoutEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/logout', body: LogoutRequest });

/** The actor's active sessions; `current` marks the one asking. */
export const SessionsEndpoint = internalEndpoint({ method: 'get', path: '/internal/auth/sessions', query: SessionListQuery, response: SessionList });

/** Revokes one of the actor's sessions; answers 204. */
export const RevokeSessionEndpoint = internalEndpoint({ method: 'delete', path: '/internal/auth/sessions/:id', params: SessionParams });

export const MfaSetupEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/mfa/setup', response: MfaSetup });

export const MfaConfirmEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/mfa/confirm', body: MfaCodeRequest, response: MfaRecoveryCodes });

/** Turns MFA off; answers 204. */
export const MfaDisableEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/mfa/disable', body: MfaCodeRequest });

/** Answers the sessions the change ended, for the gateway's deny list. */
export const ChangePasswordEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/auth/password/change',
  body: ChangePasswordCall,
  response: RevokedSessions,
});

/** Answers 202 the same whether or not the account exists. */
export const ForgotPasswordEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/auth/password/forgot',
  body: ForgotPasswordRequest,
  response: MailAccepted,
});

/** Answers the sessions the reset ended, for the gateway's deny list. */
export const ResetPasswordEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/auth/password/reset',
  body: ResetPasswordRequest,
  response: RevokedSessions,
});

/** Answers 204. */
export const VerifyEmailEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/email/verify', body: VerifyEmailRequest });

export const ResendVerificationEndpoint = internalEndpoint({ method: 'post', path: '/internal/auth/email/resend', response: MailAccepted });

/** A profile, for the person themself (or an admin). */
export const UserEndpoint = internalEndpoint({ method: 'get', path: '/internal/users/:id', params: IdParams, response: UserProfile });

export const AdminUsersEndpoint = internalEndpoint({ method: 'get', path: '/internal/admin/users', query: UserListQuery, response: UserList });

export const AdminUserEndpoint = internalEndpoint({ method: 'get', path: '/internal/admin/users/:id', params: IdParams, response: UserProfile });

/** Public: an active instructor's profile. */
export const InstructorEndpoint = internalEndpoint({ method: 'get', path: '/internal/instructors/:id', params: IdParams, response: PublicInstructor });
