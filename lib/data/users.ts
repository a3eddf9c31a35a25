import 'server-only';
import type { ClientInfo } from '../client-info';
import { getDb } from '../db';
import type { SessionUser } from '../permissions';
import { dummyPasswordHash, verifyPassword } from '../password';
import { audit } from './audit';
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from './login-throttle';

/**
 * Checks a username and password. Returns the user id and session version, or null — the same
 * null (after the same argon2 work) whether the user is unknown, inactive or the password is wrong.
 */
export async function verifyCredentials(
  username: string,
  password: string,
): Promise<{ id: number; sessionVersion: number } | null> {
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
  return (await getSession(id, sessionVersion))?.user ?? null;
}

/**
 * getSessionUser and, in the same round trip, how many of the user's notifications are unread:
 * the header's bell shows it on every page (components/layout/app-shell.tsx), and a query of its
 * own was one more round trip per page view (decision 032).
 */
export async function getSession(
  id: number,
  sessionVersion: number,
): Promise<{ user: SessionUser; unreadNotifications: number } | null> {
  // One round trip on every request of every page: Prisma would fetch the unit in a second query.
  const [row] = await getDb().$queryRaw<
    {
      id: number;
      username: string;
      displayName: string;
      role: SessionUser['role'];
      unitId: number;
      unitName: string;
      unitKind: SessionUser['unitKind'];
      isStandingOffice: boolean;
      mustChangePassword: boolean;
      unread: number;
    }[]
  >`
    SELECT u.id, u.username, u."displayName", u.role::text AS role, u."mustChangePassword",
           n.id AS "unitId", n.name AS "unitName", n.kind::text AS "unitKind", n."isStandingOffice",
           (SELECT count(*)::int FROM "Notification" x WHERE x."userId" = u.id AND x."readAt" IS NULL) AS unread
    FROM "User" u JOIN "Unit" n ON n.id = u."unitId"
    WHERE u.id = ${id} AND u.active AND n.active AND u."sessionVersion" = ${sessionVersion}`;
  if (!row) return null;
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      unitId: row.unitId,
      unitName: row.unitName,
      unitKind: row.unitKind,
      isStandingOffice: row.isStandingOffice,
      mustChangePassword: row.mustChangePassword,
    },
    unreadNotifications: row.unread,
  };
}

export type SignInResult = { ok: true; id: number; sessionVersion: number } | { ok: false; retryAfter: number };

/**
 * A sign-in attempt from a client: refused without checking the password while that client is
 * backed off (lib/data/login-throttle.ts), otherwise checked, counted and written to the audit
 * trail (with address and user agent, never the password). An unknown username is recorded
 * without the text typed — people sometimes type their password into the username box.
 */
export async function attemptPasswordSignIn(
  username: string,
  password: string,
  client: ClientInfo,
  now = new Date(),
): Promise<SignInResult> {
  const name = username.trim().toLowerCase();
  const retryAfter = await loginRetryAfter(name, client.ip, now);
  if (retryAfter > 0) return { ok: false, retryAfter };
  const result = await verifyCredentials(name, password);
  const db = getDb();
  if (result) {
    await recordLoginSuccess(name, client.ip, now);
    await audit(db, { actorId: result.id, action: 'auth.signed_in', entityType: 'User', entityId: result.id, client });
    return { ok: true, ...result };
  }
  const started = await recordLoginFailure(name, client.ip, now);
  const account = await db.user.findUnique({ where: { username: name }, select: { id: true, unitId: true } });
  const target = account
    ? { entityType: 'User', entityId: account.id, unitId: account.unitId, data: { username: name } }
    : { entityType: 'Login', entityId: '?', unitId: null, data: { unknownUsername: true } };
  await audit(db, { actorId: null, action: 'auth.sign_in_failed', client, ...target });
  if (started.length > 0) {
    const seconds = Math.max(...started.map((s) => s.seconds));
    await audit(db, {
      actorId: null,
      action: 'auth.throttled',
      client,
      ...target,
      data: { ...target.data, seconds, scopes: started.map((s) => `${s.scope}:${s.failures}`) },
    });
  }
  return { ok: false, retryAfter: 0 };
}

/** Logout, for the audit trail (the session cookie itself is cleared by lib/auth). */
export async function recordSignOut(userId: number, client: ClientInfo): Promise<void> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return;
  await audit(getDb(), { actorId: user.id, action: 'auth.signed_out', entityType: 'User', entityId: user.id, client });
}
