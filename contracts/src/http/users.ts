import { z } from 'zod';
import { trimmedText } from './text.js';
import { NewPassword } from './passwords.js';

/** Request and response bodies of the user routes, shared by the gateway and the user service. */

export const roles = ['student', 'instructor', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const fullName = trimmedText(1, 120);
const bio = z.string().max(2000);

export const RegisterRequest = z.strictObject({
  email,
  password: NewPassword,
  fullName,
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const LoginRequest = z.strictObject({
  email,
  password: z.string().min(1).max(512),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** `avatarFileId`: an avatar file of the media service (the caller's own upload); `null` removes the avatar. */
export const UpdateProfileRequest = z
  .strictObject({ fullName: fullName.optional(), bio: bio.optional(), avatarFileId: z.uuid().nullable().optional() })
  .refine((body) => body.fullName !== undefined || body.bio !== undefined || body.avatarFileId !== undefined, {
    message: 'give at least one of fullName, bio, avatarFileId',
  })
  .meta({ minProperties: 1 });
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

export const UserProfile = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  bio: z.string().nullable(),
  avatarFileId: z.uuid().nullable(),
  role: Role,
  status: z.enum(['active', 'deactivated', 'erased']),
  emailVerified: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const TokenResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  /** Absent in cookie mode, where it travels only in the httpOnly cookie. */
  refreshToken: z.string().optional(),
  refreshExpiresIn: z.number().int().optional(),
  /** Cookie mode only: echo it in the X-CSRF-Token header (it is also in the readable sc_csrf cookie). */
  csrfToken: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;
