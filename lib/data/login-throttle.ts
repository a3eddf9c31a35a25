import 'server-only';
import { getDb, Prisma, type PrismaClient } from '../db';
import {
  backoffSeconds,
  FORGET_AFTER_MS,
  KNOWN_ADDRESS_DAYS,
  throttleKeys,
  type ThrottleScope,
} from '../domain/login-backoff';

/**
 * Failed-login counters in PostgreSQL, shared by every instance of the app (rules in
 * lib/domain/login-backoff.ts). Called before any user is signed in, so there is no permission to
 * check: these functions only count. Every function takes `now` (tests pass a clock) and the
 * client (tests pass a second client to stand for a second instance).
 */

type Db = Pick<PrismaClient, '$executeRaw' | '$queryRaw' | 'loginThrottle' | 'loginKnownAddress'>;

const SCOPES: ThrottleScope[] = ['pair', 'account', 'address'];

/** A timestamp column value in UTC, whatever the database session's time zone. */
const at = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

async function isKnownAddress(db: Db, username: string, address: string | null, now: Date): Promise<boolean> {
  if (!address) return false;
  const row = await db.loginKnownAddress.findUnique({
    where: { username_address: { username, address } },
    select: { lastSuccessAt: true },
  });
  return !!row && row.lastSuccessAt.getTime() > now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000;
}

/** Seconds this client must still wait before trying this username again (0: it may try now). */
export async function loginRetryAfter(
  username: string,
  address: string | null,
  now = new Date(),
  db: Db = getDb(),
): Promise<number> {
  const user = username.trim().toLowerCase();
  const keys = throttleKeys(user, address);
  const applies: string[] = [keys.pair!];
  if (keys.address) applies.push(keys.address);
  if (!(await isKnownAddress(db, user, address, now))) applies.push(keys.account!);
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: applies }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failed password check in every scope, atomically (concurrent failures from several
 * instances all count), and returns the scopes whose back-off this failure started, with its
 * length. Stale rows are deleted on the way.
 */
export async function recordLoginFailure(
  username: string,
  address: string | null,
  now = new Date(),
  db: Db = getDb(),
): Promise<{ scope: ThrottleScope; seconds: number; failures: number }[]> {
  const keys = throttleKeys(username, address);
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const started: { scope: ThrottleScope; seconds: number; failures: number }[] = [];
  for (const scope of SCOPES) {
    const key = keys[scope];
    if (!key) continue;
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "LoginThrottle" AS t ("key", "failures", "lastFailureAt", "blockedUntil")
      VALUES (${key}, 1, ${at(now)}, NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN t."lastFailureAt" < ${at(forgetBefore)} THEN 1 ELSE t."failures" + 1 END,
        "lastFailureAt" = EXCLUDED."lastFailureAt"
      RETURNING "failures"`;
    const failures = Number(row!.failures);
    const seconds = backoffSeconds(scope, failures);
    if (seconds > 0) {
      // GREATEST: of two concurrent failures, the longer back-off wins whichever writes last.
      await db.$executeRaw`
        UPDATE "LoginThrottle" SET "blockedUntil" = GREATEST("blockedUntil", ${at(new Date(now.getTime() + seconds * 1000))})
        WHERE "key" = ${key}`;
      started.push({ scope, seconds, failures });
    }
  }
  await cleanUpLoginThrottle(now, db);
  return started;
}

/**
 * A successful sign-in clears this account's counters (not the address's: one good password must
 * not reset an address that is spraying others) and remembers the address as known.
 */
export async function recordLoginSuccess(
  username: string,
  address: string | null,
  now = new Date(),
  db: Db = getDb(),
): Promise<void> {
  const user = username.trim().toLowerCase();
  const keys = throttleKeys(user, address);
  await db.loginThrottle.deleteMany({ where: { key: { in: [keys.pair!, keys.account!] } } });
  if (address) {
    await db.$executeRaw`
      INSERT INTO "LoginKnownAddress" ("username", "address", "lastSuccessAt") VALUES (${user}, ${address}, ${at(now)})
      ON CONFLICT ("username", "address") DO UPDATE SET "lastSuccessAt" = EXCLUDED."lastSuccessAt"`;
  }
}

/** Deletes forgotten counters and addresses not used for KNOWN_ADDRESS_DAYS (on write and hourly). */
export async function cleanUpLoginThrottle(
  now = new Date(),
  db: Db = getDb(),
): Promise<{ counters: number; addresses: number }> {
  const counters = await db.loginThrottle.deleteMany({
    where: {
      lastFailureAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) },
      OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
    },
  });
  const addresses = await db.loginKnownAddress.deleteMany({
    where: { lastSuccessAt: { lt: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000) } },
  });
  return { counters: counters.count, addresses: addresses.count };
}
