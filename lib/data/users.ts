import 'server-only';
import { getDb } from '../db';
import type { SessionUser } from '../permissions';
import { dummyPasswordHash, verifyPassword } from '../password';

/**
 * Checks a username and password. Returns the user id and session version, or null — the same
 * null (after the same argon2 work) whether the user is unknown, inactive or the password is wrong.
 */
export async function verifyCredentials(username: string, password: string): Promise<{ id: number; sessionVersion: number } | null> {
  const user = await getDb().user.findUnique({
    where: { username: username.trim().toLowerCase() },
    select: { id: true, passwordHash: true, active: true, sessionVersion: true, unit: { select: { active: true } } },
  });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || !user.active || !user.unit.active) return null;
  await getDb().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, sessionVersion: user.sessionVersion };
}

/**
 * The user behind a session, read fresh on every request: a deactivated user, a user whose
 * sessions were ended (sessionVersion bumped) or whose unit was closed gets null at once.
 */
export async function getSessionUser(id: number, sessionVersion: number): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      active: true,
      sessionVersion: true,
      unit: { select: { id: true, name: true, kind: true, active: true, isStandingOffice: true } },
    },
  });
  if (!user || !user.active || !user.unit.active || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unit.id,
    unitName: user.unit.name,
    unitKind: user.unit.kind,
    isStandingOffice: user.unit.isStandingOffice,
  };
}
