/**
 * Integration tests call the data layer as a given user. The data layer asks lib/auth for the
 * current user; tests replace that one function (vi.mock in each file) with `currentUser`.
 */
import { getSessionUser } from '../../lib/data/users';
import { getDb } from '../../lib/db';
import type { SessionUser } from '../../lib/permissions';

let current: SessionUser | null = null;

export function currentUser(): SessionUser | null {
  return current;
}

export async function actAs(username: string | null): Promise<SessionUser | null> {
  if (username === null) {
    current = null;
    return null;
  }
  const row = await getDb().user.findUniqueOrThrow({ where: { username }, select: { id: true, sessionVersion: true } });
  current = await getSessionUser(row.id, row.sessionVersion);
  if (!current) throw new Error(`User ${username} cannot sign in`);
  return current;
}

export async function unitId(code: string): Promise<number> {
  return (await getDb().unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}
