import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { getCurrentUser } from '../auth';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from '../errors';
import { can, type Permission, type SessionUser } from '../permissions';

/**
 * What an API token may do, whatever role it reads as (decision 020): read, nothing else. A token
 * that stood for the chairman must not approve a report, however a route came to ask.
 */
export const API_TOKEN_PERMISSIONS: readonly Permission[] = ['work:read-own', 'work:read-all'];

/** The token an /api/v1 request was authenticated with, for the data functions it calls. */
const apiCaller = new AsyncLocalStorage<SessionUser>();

/**
 * Runs `work` as an API token's reader (lib/data/api-tokens.ts `apiReader`: the chairman's view for
 * a READ_ALL token, an officer of its unit for a UNIT token). Inside, `requirePermission` answers with
 * that reader instead of the session's user, so the API goes through the same permission map and the
 * same row scope (lib/data/scope.ts) as the pages — and holds only API_TOKEN_PERMISSIONS.
 */
export function runAsApiReader<T>(reader: SessionUser, work: () => Promise<T>): Promise<T> {
  return apiCaller.run(reader, work);
}

/**
 * Every data function starts here: the signed-in user, who must hold `permission`. A user whose
 * password was reset by an administrator holds no permission until they choose a new one.
 */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const reader = apiCaller.getStore();
  if (reader) {
    if (!API_TOKEN_PERMISSIONS.includes(permission) || !can(reader, permission)) throw new ForbiddenError();
    return reader;
  }
  const user = await requireSignedIn();
  if (user.mustChangePassword) throw new PasswordChangeRequiredError();
  if (!can(user, permission)) throw new ForbiddenError();
  return user;
}

/** Only for what a signed-in user does to their own account (changing their password). */
export async function requireSignedIn(): Promise<SessionUser> {
  if (apiCaller.getStore()) throw new ForbiddenError();
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}
