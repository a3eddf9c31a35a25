import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { ClientInfo } from '../client-info';
import { getDb, Prisma, type PrismaClient } from '../db';
import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_PATTERN,
  API_TOKEN_PREFIX,
  API_TOKEN_SHOWN_CHARS,
  API_USAGE_KEEP_DAYS,
  minuteOf,
  rateDecision,
  secondsToNextMinute,
} from '../domain/api-tokens';
import { addDays, endOfDayVn, formatDateVn, vnDateOf } from '../domain/time';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import type { SessionUser } from '../permissions';
import type { ApiTokenInput } from '../validation/api-token';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * API tokens (decision 020): issued and revoked by an administrator, each one read-all (the
 * chairman's view) or one unit's (its officer's view). The secret is shown once; only its SHA-256
 * is stored. Every call is counted per token and minute in PostgreSQL — the rate limit, shared by
 * every instance — and the first call of each minute is audited (rules in lib/domain/api-tokens.ts).
 */

/** The stored form of a secret. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function newSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Issues a token; the secret in the answer is never stored nor shown again. */
export async function issueApiToken(
  input: ApiTokenInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ tokenId: number; secret: string }> {
  const user = await requirePermission('api-token:manage');
  const today = vnDateOf(now);
  if (input.expiresOn <= today)
    throw new FieldError('expiresOn', 'Ngày hết hạn phải sau hôm nay: mã truy cập hết hiệu lực vào cuối ngày đó.');
  const latest = addDays(today, API_TOKEN_MAX_DAYS);
  if (input.expiresOn > latest)
    throw new FieldError(
      'expiresOn',
      `Mã truy cập có hiệu lực tối đa ${API_TOKEN_MAX_DAYS} ngày: chọn ngày đến ${formatDateVn(latest)}.`,
    );
  const secret = newSecret();
  const tokenId = await getDb().$transaction(async (tx) => {
    if (input.unitId !== null) {
      const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true }, select: { id: true } });
      if (!unit) throw new FieldError('unitId', 'Đơn vị không tồn tại hoặc đã ngừng hoạt động.');
    }
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashApiToken(secret),
        prefix: secret.slice(0, API_TOKEN_SHOWN_CHARS),
        scope: input.scope,
        unitId: input.unitId,
        expiresAt: endOfDayVn(input.expiresOn),
        issuedById: user.id,
      },
      select: { id: true, prefix: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: 'api_token.issued',
      entityType: 'ApiToken',
      entityId: row.id,
      data: {
        name: input.name,
        scope: input.scope,
        unitId: input.unitId,
        expiresOn: input.expiresOn,
        prefix: row.prefix,
      },
    });
    return row.id;
  });
  return { tokenId, secret };
}

/** Revokes a token at once: its next call is refused with 401. */
export async function revokeApiToken(tokenId: number, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  const user = await requirePermission('api-token:manage');
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { revokedAt: true, name: true } });
    if (!token) throw new NotFoundError();
    const revoked = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: now, revokedById: user.id },
    });
    if (revoked.count === 0) throw new ConflictError('Mã truy cập này đã bị thu hồi trước đó.');
    await audit(tx, {
      actorId: user.id,
      action: 'api_token.revoked',
      entityType: 'ApiToken',
      entityId: tokenId,
      data: { name: token.name },
    });
  });
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** Every token, newest first, with its calls over the last 24 hours. */
export async function listApiTokens({ now = new Date() }: { now?: Date } = {}) {
  await requirePermission('api-token:manage');
  const db = getDb();
  const [tokens, usage] = await Promise.all([
    db.apiToken.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        name: true,
        prefix: true,
        scope: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        createdAt: true,
        unit: { select: { name: true } },
        issuedBy: { select: { displayName: true } },
      },
    }),
    db.apiTokenMinute.groupBy({
      by: ['tokenId'],
      where: { minute: { gte: new Date(now.getTime() - 86_400_000) } },
      _sum: { calls: true },
    }),
  ]);
  const calls = new Map(usage.map((u) => [u.tokenId, u._sum.calls ?? 0]));
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    unitName: t.unit?.name ?? null,
    issuedBy: t.issuedBy.displayName,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
    state: t.revokedAt ? ('REVOKED' as const) : t.expiresAt <= now ? ('EXPIRED' as const) : ('ACTIVE' as const),
    callsLastDay: calls.get(t.id) ?? 0,
  }));
}

/** The units a token may be scoped to (the form's list). */
export async function listApiTokenUnits() {
  await requirePermission('api-token:manage');
  return getDb().unit.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true },
  });
}

export type ApiAuthentication =
  | { ok: true; tokenId: number; reader: SessionUser }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfter: number };

type Db = Pick<PrismaClient, '$queryRaw' | 'apiToken' | 'auditEvent' | 'user'>;

/** A timestamp column value in UTC, whatever the database session's time zone. */
const at = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Who an API request is (the `Authorization: Bearer …` header), counted against the token's rate
 * limit. Called before anyone is known, so there is no permission to check: a missing, malformed,
 * unknown, revoked or expired token — or one whose unit has closed — is a 401; a token past its
 * calls for this minute a 429. `request` names what was asked, for the audit trail.
 */
export async function authenticateApiToken(
  authorization: string | null,
  request: { method: string; path: string; client: ClientInfo },
  now = new Date(),
  db: Db = getDb(),
): Promise<ApiAuthentication> {
  const secret = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1] ?? '';
  if (!API_TOKEN_PATTERN.test(secret)) return { ok: false, status: 401 };
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: {
      id: true,
      name: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      unit: { select: { id: true, name: true, kind: true, isStandingOffice: true, active: true } },
    },
  });
  if (!token || token.revokedAt !== null || token.expiresAt <= now) return { ok: false, status: 401 };
  if (token.scope === 'UNIT' && !token.unit?.active) return { ok: false, status: 401 };
  const [row] = await db.$queryRaw<{ calls: number }[]>`
    WITH counted AS (
      INSERT INTO "ApiTokenMinute" AS m ("tokenId", "minute", "calls") VALUES (${token.id}, ${at(minuteOf(now))}, 1)
      ON CONFLICT ("tokenId", "minute") DO UPDATE SET "calls" = m."calls" + 1
      RETURNING m."calls"
    ), used AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${at(now)} WHERE id = ${token.id} RETURNING id
    )
    SELECT counted.calls FROM counted, used`;
  const decision = rateDecision(Number(row!.calls));
  const unitId = token.unit?.id ?? null;
  if (decision.firstOfMinute || decision.firstRefusal) {
    await audit(db as Prisma.TransactionClient, {
      actorId: null,
      action: decision.allowed ? 'api.used' : 'api.rate_limited',
      entityType: 'ApiToken',
      entityId: token.id,
      unitId,
      client: request.client,
      data: { tokenName: token.name, method: request.method, path: request.path },
    });
  }
  if (!decision.allowed) return { ok: false, status: 429, retryAfter: secondsToNextMinute(now) };
  return { ok: true, tokenId: token.id, reader: apiReader(token) };
}

/** The user an API token reads as: the chairman's view, or an officer of its unit (lib/data/scope.ts). */
function apiReader(token: {
  id: number;
  name: string;
  scope: 'READ_ALL' | 'UNIT';
  unit: { id: number; name: string; kind: SessionUser['unitKind']; isStandingOffice: boolean } | null;
}): SessionUser {
  const who = { id: 0, username: `api-token-${token.id}`, displayName: token.name, mustChangePassword: false };
  if (token.scope === 'READ_ALL') {
    return { ...who, role: 'CHAIRMAN', unitId: 0, unitName: '', unitKind: 'LEADERSHIP', isStandingOffice: false };
  }
  // A UNIT token always names its unit (the form and issueApiToken see to it); never widen one that does not.
  if (!token.unit) throw new Error(`API token ${token.id}: a unit token without a unit`);
  return {
    ...who,
    role: 'OFFICER',
    unitId: token.unit.id,
    unitName: token.unit.name,
    unitKind: token.unit.kind,
    isStandingOffice: token.unit.isStandingOffice,
  };
}

/** Deletes the per-minute counts older than API_USAGE_KEEP_DAYS (a scheduled job). */
export async function cleanUpApiUsage(now = new Date()): Promise<{ minutes: number }> {
  const removed = await getDb().apiTokenMinute.deleteMany({
    where: { minute: { lt: new Date(now.getTime() - API_USAGE_KEEP_DAYS * 86_400_000) } },
  });
  return { minutes: removed.count };
}
