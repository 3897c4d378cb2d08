import type { TokenSettings } from '@smartcourse/platform';
import type { DenyList } from '../../auth/deny-list.js';
import type { CommandBus } from '../../commands/bus.js';
import type { InternalClient } from '../../internal-client.js';
import type { RouteSpec } from '../../routing/spec.js';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { instructorRoutes } from './instructors/routes.js';
import { mfaRoutes } from './mfa/routes.js';
import { passwordRoutes } from './passwords/routes.js';
import { userRoutes } from './users/routes.js';
import { verificationRoutes } from './verification/routes.js';

/** Every public route the user service answers: queries and credential calls to its API, commands to `user.commands`. */
export function userServiceRoutes(deps: {
  users: InternalClient;
  media: InternalClient;
  bus: CommandBus;
  tokens: TokenSettings;
  denyList: DenyList;
}): RouteSpec[] {
  return [
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...adminRoutes(deps),
    ...instructorRoutes(deps),
    ...mfaRoutes(deps),
    ...passwordRoutes(deps),
    ...verificationRoutes(deps),
  ];
}
