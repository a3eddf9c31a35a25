import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const { slotsAtCte } = await import('../../lib/data/status-sql');
const { getHeadline } = await import('../../lib/data/stats');
const { OFFICIAL_STATUSES } = await import('../../lib/domain/status');
const { fromDbDate } = await import('../../lib/domain/time');
const { pureStatusesAt } = await import('../support/pure-status');

async function sqlStatuses(now: Date): Promise<Record<number, string>> {
  const rows = await getDb().$queryRaw<{ assignment_id: number; status: string }[]>(
    Prisma.sql`WITH ${slotsAtCte([now])} SELECT assignment_id, status FROM slots`,
  );
  return Object.fromEntries(rows.map((r) => [r.assignment_id, r.status]));
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
      const [pure, sql] = await Promise.all([pureStatusesAt(now), sqlStatuses(now)]);
      expect(Object.keys(sql).length).toBeGreaterThan(0);
      expect(sql).toEqual(pure);
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
    const quy = await db.assignment.findFirstOrThrow({
      where: { unit: { code: 'P-THACHQUY' }, task: { number: '1', section: { numeral: 'I' } } },
    });
    const statuses = await sqlStatuses(new Date());
    expect(statuses[quy.id]).toBe('DONE_ON_TIME');
    expect(fromDbDate(quy.originalDueDate!)).toBe('2021-09-15');
    expect(fromDbDate(quy.dueDate!)).toBe('2021-10-31');
  });
});
