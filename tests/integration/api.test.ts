/**
 * The API for other systems (decision 020) on real PostgreSQL: a token's life (issued by an
 * administrator, only its hash stored, used, revoked, expired), what each scope reads (the same
 * scope as the pages: lib/data/scope.ts), filters and paging, the rate limit shared by instances,
 * and the audit trail. Routes are called as Next calls them; time is a parameter where it matters.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));

const { PrismaClient } = await import('../../lib/generated/prisma/client');
const { getDb } = await import('../../lib/db');
const Tokens = await import('../../lib/data/api-tokens');
const { requirePermission, runAsApiReader } = await import('../../lib/data/guard');
const { ApiTokenInput } = await import('../../lib/validation/api-token');
const { API_CALLS_PER_MINUTE, minuteOf } = await import('../../lib/domain/api-tokens');
const { addDays, formatDateVn, vnDateOf } = await import('../../lib/domain/time');
const S = await import('../../lib/api/schemas');
const assignmentsRoute = await import('../../app/api/v1/assignments/route');
const assignmentRoute = await import('../../app/api/v1/assignments/[assignmentId]/route');
const reportsRoute = await import('../../app/api/v1/assignments/[assignmentId]/reports/route');
const tasksRoute = await import('../../app/api/v1/programmes/[programmeId]/tasks/route');
const programmesRoute = await import('../../app/api/v1/programmes/route');
const indicatorsRoute = await import('../../app/api/v1/indicators/route');

const db = getDb();
const second = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) });
afterAll(() => second.$disconnect());

const call = (secret: string | null, path: string) =>
  new Request(`http://localhost/api/v1${path}`, {
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });
const params = <K extends string>(key: K, value: number | string) => ({
  params: Promise.resolve({ [key]: String(value) } as Record<K, string>),
});
const json = async (response: Response) => ({ status: response.status, body: await response.json() });

async function issue(fields: { name: string; scope: 'READ_ALL' | 'UNIT'; unitId?: number; expiresOn?: string }) {
  await actAs('admin');
  const input = ApiTokenInput.parse({
    name: fields.name,
    scope: fields.scope,
    unitId: fields.unitId ? String(fields.unitId) : '',
    expiresOn: fields.expiresOn ?? formatDateVn(addDays(vnDateOf(new Date()), 30)),
  });
  const issued = await Tokens.issueApiToken(input);
  await actAs(null);
  return issued;
}

let tranPhu: number;
let namHa: number;
let unitToken: { tokenId: number; secret: string };
let allToken: { tokenId: number; secret: string };

beforeAll(async () => {
  tranPhu = await unitId('P-TRANPHU');
  namHa = await unitId('P-NAMHA');
  unitToken = await issue({ name: 'Hệ thống của tỉnh (Trần Phú)', scope: 'UNIT', unitId: tranPhu });
  allToken = await issue({ name: 'Hệ thống của tỉnh', scope: 'READ_ALL' });
});

describe('token lifecycle', () => {
  it('stores only the SHA-256 of the secret, shown once; the issue is audited without it', async () => {
    expect(unitToken.secret).toMatch(/^dd_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: unitToken.tokenId } });
    expect(row.tokenHash).toBe(Tokens.hashApiToken(unitToken.secret));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(unitToken.secret);
    expect(row.prefix).toBe(unitToken.secret.slice(0, 9));
    const events = await db.auditEvent.findMany({
      where: { action: 'api_token.issued', entityId: String(unitToken.tokenId) },
    });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(unitToken.secret);
  });

  it('is refused to anyone but an administrator', async () => {
    await actAs('chutich');
    await expect(
      Tokens.issueApiToken(
        ApiTokenInput.parse({
          name: 'x',
          scope: 'READ_ALL',
          unitId: '',
          expiresOn: formatDateVn(addDays(vnDateOf(new Date()), 3)),
        }),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an expiry in the past or beyond a year, and a unit token without its unit', async () => {
    const today = vnDateOf(new Date());
    await expect(issue({ name: 'Quá khứ', scope: 'READ_ALL', expiresOn: formatDateVn(today) })).rejects.toMatchObject({
      field: 'expiresOn',
    });
    await expect(
      issue({ name: 'Quá xa', scope: 'READ_ALL', expiresOn: formatDateVn(addDays(today, 400)) }),
    ).rejects.toMatchObject({ field: 'expiresOn' });
    const parsed = ApiTokenInput.safeParse({
      name: 'x',
      scope: 'UNIT',
      unitId: '',
      expiresOn: formatDateVn(addDays(today, 3)),
    });
    expect(parsed.success).toBe(false);
  });

  it('is used, then revoked: 401 at once, and the revocation is audited', async () => {
    const token = await issue({ name: 'Sẽ thu hồi', scope: 'UNIT', unitId: tranPhu });
    expect((await assignmentsRoute.GET(call(token.secret, '/assignments'))).status).toBe(200);
    const used = await db.apiToken.findUniqueOrThrow({ where: { id: token.tokenId } });
    expect(used.lastUsedAt).not.toBeNull();
    await actAs('admin');
    await Tokens.revokeApiToken(token.tokenId);
    await expect(Tokens.revokeApiToken(token.tokenId)).rejects.toMatchObject({ code: 'CONFLICT' });
    const refused = await json(await assignmentsRoute.GET(call(token.secret, '/assignments')));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect(refused.body.error.message).toMatch(/mã truy cập/);
    expect(await db.auditEvent.count({ where: { action: 'api_token.revoked', entityId: String(token.tokenId) } })).toBe(
      1,
    );
  });

  it('expires at the end of its day: 401 after', async () => {
    const token = await issue({ name: 'Hết hạn', scope: 'READ_ALL' });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.tokenId } });
    const client = { ip: null, userAgent: null };
    const req = { method: 'GET', path: '/api/v1/assignments', client };
    expect(
      await Tokens.authenticateApiToken(`Bearer ${token.secret}`, req, new Date(row.expiresAt.getTime() - 1)),
    ).toMatchObject({ ok: true });
    expect(await Tokens.authenticateApiToken(`Bearer ${token.secret}`, req, row.expiresAt)).toEqual({
      ok: false,
      status: 401,
    });
    await db.apiToken.update({ where: { id: token.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await assignmentsRoute.GET(call(token.secret, '/assignments'))).status).toBe(401);
  });

  it('refuses a missing, malformed or unknown token with 401 and a Vietnamese message', async () => {
    const forged = `dd_${'A'.repeat(43)}`;
    for (const secret of [null, 'abc', forged, unitToken.secret.slice(0, -1)]) {
      const r = await json(await assignmentsRoute.GET(call(secret, '/assignments')));
      expect(r.status).toBe(401);
      expect(S.ApiError.parse(r.body).error.message).toMatch(/truy cập/);
    }
    const basic = new Request('http://localhost/api/v1/assignments', {
      headers: { authorization: `Basic ${unitToken.secret}` },
    });
    expect((await assignmentsRoute.GET(basic)).status).toBe(401);
  });

  it('a token reads as its reader and holds nothing but reading', async () => {
    const auth = await Tokens.authenticateApiToken(`Bearer ${allToken.secret}`, {
      method: 'GET',
      path: '/api/v1/assignments',
      client: { ip: null, userAgent: null },
    });
    if (!auth.ok) throw new Error('token refused');
    expect(auth.reader.role).toBe('CHAIRMAN');
    await expect(runAsApiReader(auth.reader, () => requirePermission('work:read-all'))).resolves.toMatchObject({
      role: 'CHAIRMAN',
    });
    for (const p of [
      'report:review',
      'extension:decide',
      'dashboard:city',
      'programme:manage',
      'api-token:manage',
    ] as const)
      await expect(runAsApiReader(auth.reader, () => requirePermission(p))).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
  });
});

describe('what a token reads', () => {
  it('a unit token reads its own unit’s assignments with their official status, and nothing of another unit', async () => {
    const own = await json(await assignmentsRoute.GET(call(unitToken.secret, '/assignments?limit=100')));
    expect(own.status).toBe(200);
    const page = S.AssignmentPage.parse(own.body);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((a) => a.unit.id === tranPhu)).toBe(true);
    const expected = await db.assignment.count({
      where: { unitId: tranPhu, task: { archivedAt: null } },
    });
    expect(page.items.length).toBe(Math.min(expected, 100));
    for (const a of page.items) expect(a.status.label).toMatch(/^(Hoàn thành|Đang thực hiện|Chưa thực hiện)/);

    const other = await db.assignment.findFirstOrThrow({ where: { unitId: namHa }, select: { id: true } });
    for (const response of [
      await assignmentRoute.GET(call(unitToken.secret, `/assignments/${other.id}`), params('assignmentId', other.id)),
      await reportsRoute.GET(
        call(unitToken.secret, `/assignments/${other.id}/reports`),
        params('assignmentId', other.id),
      ),
    ]) {
      const r = await json(response);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const filtered = await json(await assignmentsRoute.GET(call(unitToken.secret, `/assignments?unit=${namHa}`)));
    expect(S.AssignmentPage.parse(filtered.body).items).toEqual([]);

    const mine = page.items[0]!;
    const one = await json(
      await assignmentRoute.GET(call(unitToken.secret, `/assignments/${mine.id}`), params('assignmentId', mine.id)),
    );
    expect(one.status).toBe(200);
    expect(S.Assignment.parse(one.body)).toEqual(mine);
  });

  it('the read-all token reads every unit', async () => {
    const other = await db.assignment.findFirstOrThrow({ where: { unitId: namHa }, select: { id: true } });
    const r = await json(
      await assignmentRoute.GET(call(allToken.secret, `/assignments/${other.id}`), params('assignmentId', other.id)),
    );
    expect(r.status).toBe(200);
    expect(S.Assignment.parse(r.body).unit.id).toBe(namHa);
  });

  it('pages by cursor through exactly the filtered list, and filters by status', async () => {
    const all = S.AssignmentPage.parse(
      (await json(await assignmentsRoute.GET(call(allToken.secret, `/assignments?unit=${tranPhu}&limit=100`)))).body,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = S.AssignmentPage.parse(
        (
          await json(
            await assignmentsRoute.GET(
              call(allToken.secret, `/assignments?unit=${tranPhu}&limit=7${cursor ? `&cursor=${cursor}` : ''}`),
            ),
          )
        ).body,
      );
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((a) => a.id));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    // A status some of the unit's assignments have and others do not (overdue first, when the demo
    // city leaves this unit any), so the filter has something to keep and something to drop.
    const codes = all.items.map((a) => a.status.code);
    const status = ['IN_PROGRESS_OVERDUE', 'DONE_LATE', 'IN_PROGRESS_ON_TIME', 'NOT_STARTED', 'DONE_ON_TIME'].find(
      (code) => codes.includes(code as (typeof codes)[number]) && codes.some((c) => c !== code),
    );
    expect(status).toBeDefined();
    const wanted = all.items.filter((a) => a.status.code === status).map((a) => a.id);
    const byStatus = S.AssignmentPage.parse(
      (
        await json(
          await assignmentsRoute.GET(call(allToken.secret, `/assignments?unit=${tranPhu}&status=${status}&limit=100`)),
        )
      ).body,
    );
    expect(byStatus.items.map((a) => a.id)).toEqual(wanted);
    expect(byStatus.items.length).toBeLessThan(all.items.length);
  });

  it('refuses bad parameters with 400 and a Vietnamese message; a bad id in a path is 404', async () => {
    for (const q of [
      'status=DONE',
      'limit=0',
      'limit=101',
      'unit=0x1',
      'cursor=-1',
      'programme=2147483648',
      'colour=red',
      'unit=1&unit=2',
    ]) {
      const r = await json(await assignmentsRoute.GET(call(allToken.secret, `/assignments?${q}`)));
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid');
      expect(r.body.error.message).toMatch(/không hợp lệ/);
    }
    for (const id of ['2147483648', 'abc', '0', '-1']) {
      const r = await assignmentRoute.GET(call(allToken.secret, `/assignments/${id}`), params('assignmentId', id));
      expect(r.status).toBe(404);
    }
  });

  it('programmes and tasks: a unit token sees only the programmes with its tasks', async () => {
    const programmes = S.ProgrammeList.parse(
      (await json(await programmesRoute.GET(call(unitToken.secret, '/programmes')))).body,
    );
    expect(programmes.items.length).toBeGreaterThan(0);
    const adminOnly = await db.programme.create({
      data: { title: 'Chương trình chưa giao cho Trần Phú', issuingBody: 'UBND thành phố' },
    });
    const again = S.ProgrammeList.parse(
      (await json(await programmesRoute.GET(call(unitToken.secret, '/programmes')))).body,
    );
    expect(again.items.map((p) => p.id)).not.toContain(adminOnly.id);
    const everything = S.ProgrammeList.parse(
      (await json(await programmesRoute.GET(call(allToken.secret, '/programmes')))).body,
    );
    expect(everything.items.map((p) => p.id)).toContain(adminOnly.id);
    expect(
      (
        await tasksRoute.GET(
          call(unitToken.secret, `/programmes/${adminOnly.id}/tasks`),
          params('programmeId', adminOnly.id),
        )
      ).status,
    ).toBe(404);
    const first = programmes.items[0]!;
    const tasks = S.TaskList.parse(
      (
        await json(
          await tasksRoute.GET(
            call(unitToken.secret, `/programmes/${first.id}/tasks`),
            params('programmeId', first.id),
          ),
        )
      ).body,
    );
    expect(tasks.items.length).toBeGreaterThan(0);
    const assigned = await db.task.count({
      where: { programmeId: first.id, archivedAt: null, assignments: { some: { unitId: tranPhu } } },
    });
    expect(tasks.items.length).toBe(assigned);
  });

  it('reports: sent ones only, with evidence metadata and no file contents', async () => {
    const withReports = await db.assignment.findFirstOrThrow({
      where: { unitId: tranPhu, reports: { some: { status: { not: 'DRAFT' } } } },
      select: { id: true },
    });
    const r = await json(
      await reportsRoute.GET(
        call(unitToken.secret, `/assignments/${withReports.id}/reports`),
        params('assignmentId', withReports.id),
      ),
    );
    expect(r.status).toBe(200);
    const list = S.ReportList.parse(r.body);
    expect(list.items.length).toBe(
      await db.report.count({ where: { assignmentId: withReports.id, status: { not: 'DRAFT' } } }),
    );
    expect(JSON.stringify(r.body)).not.toMatch(/storageKey|passwordHash/);
  });

  it('indicators: the units in scope only', async () => {
    const mine = S.IndicatorList.parse(
      (await json(await indicatorsRoute.GET(call(unitToken.secret, '/indicators')))).body,
    );
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.flatMap((i) => i.units).every((u) => u.unit.id === tranPhu)).toBe(true);
    const all = S.IndicatorList.parse(
      (await json(await indicatorsRoute.GET(call(allToken.secret, '/indicators')))).body,
    );
    expect(new Set(all.items.flatMap((i) => i.units.map((u) => u.unit.id))).size).toBeGreaterThan(1);
  });
});

describe('rate limit and audit', () => {
  const req = { method: 'GET', path: '/api/v1/assignments', client: { ip: '203.0.113.7', userAgent: 'Vitest' } };
  const T0 = new Date('2026-12-01T03:00:10Z');

  // T0 is 10 s into a minute: +30 s and +45 s are the same minute, +50 s the next.
  it(`allows ${API_CALLS_PER_MINUTE} calls a minute across instances, then 429 until the next minute`, async () => {
    const token = await issue({ name: 'Giới hạn', scope: 'READ_ALL' });
    const header = `Bearer ${token.secret}`;
    // Two instances (two connection pools) share one counter: half the calls through each.
    const results = await Promise.all(
      Array.from({ length: API_CALLS_PER_MINUTE }, (_, i) =>
        Tokens.authenticateApiToken(header, req, T0, i % 2 === 0 ? db : second),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await Tokens.authenticateApiToken(header, req, new Date(T0.getTime() + 30_000))).toEqual({
      ok: false,
      status: 429,
      retryAfter: 20,
    });
    expect(await Tokens.authenticateApiToken(header, req, new Date(T0.getTime() + 45_000), second)).toMatchObject({
      ok: false,
      status: 429,
    });
    expect(await Tokens.authenticateApiToken(header, req, new Date(T0.getTime() + 50_000))).toMatchObject({
      ok: true,
    });
  });

  it('answers 429 with Retry-After and a Vietnamese JSON error on the route', async () => {
    const token = await issue({ name: 'Giới hạn 2', scope: 'READ_ALL' });
    // This minute and the next are spent, so the call is refused even if the minute turns meanwhile.
    const now = minuteOf(new Date()).getTime();
    for (const minute of [now, now + 60_000])
      await db.apiTokenMinute.create({
        data: { tokenId: token.tokenId, minute: new Date(minute), calls: API_CALLS_PER_MINUTE + 5 },
      });
    const response = await assignmentsRoute.GET(call(token.secret, '/assignments'));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const body = await response.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/thử lại/);
  });

  it('audits the first call of each token in each minute, and the first refusal', async () => {
    const token = await issue({ name: 'Nhật ký', scope: 'UNIT', unitId: tranPhu });
    const header = `Bearer ${token.secret}`;
    const T1 = new Date('2026-12-02T03:00:00Z');
    for (let i = 0; i < API_CALLS_PER_MINUTE + 3; i += 1) await Tokens.authenticateApiToken(header, req, T1);
    await Tokens.authenticateApiToken(header, req, new Date(T1.getTime() + 60_000));
    const events = await db.auditEvent.findMany({
      where: {
        entityType: 'ApiToken',
        entityId: String(token.tokenId),
        action: { in: ['api.used', 'api.rate_limited'] },
      },
      orderBy: { id: 'asc' },
      select: { action: true, unitId: true, ip: true, data: true },
    });
    expect(events.map((e) => e.action)).toEqual(['api.used', 'api.rate_limited', 'api.used']);
    expect(events[0]).toMatchObject({
      unitId: tranPhu,
      ip: '203.0.113.7',
      data: { method: 'GET', path: '/api/v1/assignments' },
    });
    const minutes = await db.apiTokenMinute.findMany({ where: { tokenId: token.tokenId }, orderBy: { minute: 'asc' } });
    expect(minutes.map((m) => m.calls)).toEqual([API_CALLS_PER_MINUTE + 3, 1]);
  });

  it('forgets the per-minute counts after 90 days', async () => {
    const token = await issue({ name: 'Dọn', scope: 'READ_ALL' });
    await db.apiTokenMinute.create({
      data: { tokenId: token.tokenId, minute: new Date('2026-01-01T00:00:00Z'), calls: 3 },
    });
    await db.apiTokenMinute.create({
      data: { tokenId: token.tokenId, minute: new Date('2026-11-30T00:00:00Z'), calls: 4 },
    });
    await Tokens.cleanUpApiUsage(new Date('2026-12-01T00:00:00Z'));
    expect((await db.apiTokenMinute.findMany({ where: { tokenId: token.tokenId } })).map((m) => m.calls)).toEqual([4]);
  });
});
