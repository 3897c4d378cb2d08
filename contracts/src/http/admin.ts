import { z } from 'zod';
import { trimmedText } from './text.js';
import { Role, UserProfile } from './users.js';

export const AccountStatus = z.enum(['active', 'deactivated', 'erased']);

/** `GET /api/admin/users`: pagination, search by email or name, filters. */
export const UserListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  q: trimmedText(1, 200).optional(),
  role: Role.optional(),
  status: AccountStatus.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const PageMeta = z.object({ page: z.number().int(), per_page: z.number().int(), total: z.number().int(), pages: z.number().int() });

export const UserList = z.object({ data: z.array(UserProfile), meta: PageMeta });

export const ChangeRoleRequest = z.strictObject({ role: Role });
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

export const DeactivateRequest = z.strictObject({ reason: trimmedText(1, 500).optional() });
export type DeactivateRequest = z.infer<typeof DeactivateRequest>;

export const InstructorProfileRequest = z.strictObject({
  title: trimmedText(1, 120),
  bio: trimmedText(0, 4000),
  expertise: z.array(trimmedText(1, 60)).max(20),
});
export type InstructorProfileRequest = z.infer<typeof InstructorProfileRequest>;

export const PublicInstructor = z.object({
  id: z.uuid(),
  fullName: z.string(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  expertise: z.array(z.string()),
  updatedAt: z.string(),
});
