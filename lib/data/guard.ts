import 'server-only';
import { getCurrentUser } from '../auth';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { can, type Permission, type SessionUser } from '../permissions';

/** Every data function starts here: the signed-in user, who must hold `permission`. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  if (!can(user, permission)) throw new ForbiddenError();
  return user;
}
