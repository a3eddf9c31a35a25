import 'server-only';
import { getCurrentUser } from '../auth';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from '../errors';
import { can, type Permission, type SessionUser } from '../permissions';

/**
 * Every data function starts here: the signed-in user, who must hold `permission`. A user whose
 * password was reset by an administrator holds no permission until they choose a new one.
 */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireSignedIn();
  if (user.mustChangePassword) throw new PasswordChangeRequiredError();
  if (!can(user, permission)) throw new ForbiddenError();
  return user;
}

/** Only for what a signed-in user does to their own account (changing their password). */
export async function requireSignedIn(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}
