import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const { slotsCte } = await import('../../lib/data/status-sql');
const { getHeadline } = await import('../../lib/data/stats');
const { slotStatusInput, currentPeriod } = await import('../../lib/domain/slot');
const { computeStatus, OFFICIAL_STATUSES } = await import('../../lib/domain/status');
const { fromDbDate, vnDateOf } = await import('../../lib/domain/time');

async function pureStatuses(now: Date): Promise<Map<number, string>> {
  const today = vnDateOf(now);
  const rows = await getDb().assignment.findMany({
    select: {
      id: true, dueDate: true, startedAt: true, completedAt: true,
      task: { select: { recurrence: true } },
      reports: { select: { periodKey: true, completedAt: true } },
    },
  });
  return new Map(
    rows.map((a) => {
      const period = currentPeriod(a.task.recurrence, today);
      const periodReport = period ? (a.reports.find((r) => r.periodKey === period.key) ?? null) : null;
      const input = slotStatusInput(
        { recurrence: a.task.recurrence, dueDate: a.dueDate ? fromDbDate(a.dueDate) : null, startedAt: a.startedAt, completedAt: a.completedAt, periodReport },
        today,
      );
      return [a.id, computeStatus(input, now).status];
    }),
  );
}

async function sqlStatuses(now: Date): Promise<Map<number, string>> {
  const rows = await getDb().$queryRaw<{ assignment_id: number; status: string }[]>(
    Prisma.sql`WITH ${slotsCte(now)} SELECT assignment_id, status FROM slots`,
  );
  return new Map(rows.map((r) => [r.assignment_id, r.status]));
}

describe('the official status in SQL equals the pure function', () => {
  const moments = [
    new Date(), // today
    new Date('2021-09-15T16:59:59.999Z'), // the last instant of 15/9/2021 in Vietnam (I.1's deadline)
    new Date('2021-09-15T17:00:00.000Z'), // the first instant of 16/9/2021 there
    new Date('2021-10-31T16:59:59.000Z'), // the end of Thạch Quý's extended deadline
    new Date('2026-12-14T17:00:00.000Z'), // a monthly cut-off
  ];
  for (const now of moments) {
    it(`on every assignment at ${now.toISOString()}`, async () => {
      const [pure, sql] = await Promise.all([pureStatuses(now), sqlStatuses(now)]);
      expect(sql.size).toBe(pure.size);
      expect(Object.fromEntries(sql)).toEqual(Object.fromEntries(pure));
    });
  }

  it('the seeded data shows every official status, and the headline adds up', async () => {
    await actAs('chutich');
    const counts = await getHeadline();
    for (const s of OFFICIAL_STATUSES) expect(counts[s], s).toBeGreaterThan(0);
    expect(OFFICIAL_STATUSES.reduce((n, s) => n + counts[s], 0)).toBe(counts.total);
    expect(counts.total).toBe(await getDb().assignment.count());
  });

  it('an approved extension turns a late completion into an on-time one', async () => {
    const db = getDb();
    const quy = await db.assignment.findFirstOrThrow({ where: { unit: { code: 'P-THACHQUY' }, task: { number: '1', section: { numeral: 'I' } } } });
    const statuses = await sqlStatuses(new Date());
    expect(statuses.get(quy.id)).toBe('DONE_ON_TIME');
    expect(fromDbDate(quy.originalDueDate!)).toBe('2021-09-15');
    expect(fromDbDate(quy.dueDate!)).toBe('2021-10-31');
  });
});
