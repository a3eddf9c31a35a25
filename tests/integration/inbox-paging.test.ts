/** The review inbox is paged by a keyset cursor and can be narrowed to one unit (issue 8). */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { listReviewInbox } = await import('../../lib/data/work');
const { reviewReport } = await import('../../lib/data/reports');
const { resetStatsCache, statsCacheCounters } = await import('../../lib/data/stats-cache');

describe('the review inbox, a page at a time', () => {
  it('pages of two walk the whole inbox in order, each report once; a bad cursor starts over', async () => {
    const db = getDb();
    // More waiting reports for the standing office: submit the seeded drafts of tasks without a lead.
    await db.report.updateMany({
      where: { status: 'DRAFT' },
      data: { status: 'SUBMITTED', submittedAt: new Date('2026-11-30T03:00:00Z') },
    });
    await actAs('tp.noivu');
    const all = await listReviewInbox({ limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items.length).toBe(all.total);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i += 1) {
      const page = await listReviewInbox({ limit: 2, cursor });
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((r) => r.reportId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((r) => r.reportId));
    for (const bad of ['abc', '1.0', '99999999999999999.1', '1.99999999999', "1.1' OR 1=1"]) {
      expect((await listReviewInbox({ limit: 2, cursor: bad })).items.map((r) => r.reportId)).toEqual(seen.slice(0, 2));
    }
  });

  it('narrowed to one unit: only its reports, and the units offered are those with reports waiting', async () => {
    await actAs('tp.noivu');
    const all = await listReviewInbox({ limit: 100 });
    const unit = all.units[0]!;
    const narrowed = await listReviewInbox({ limit: 100, unit: unit.id });
    expect(narrowed.items.length).toBeGreaterThan(0);
    expect(narrowed.items.every((r) => r.unitName === unit.name)).toBe(true);
    expect(narrowed.total).toBe(all.items.filter((r) => r.unitName === unit.name).length);
    expect(new Set(all.units.map((u) => u.name))).toEqual(new Set(all.items.map((r) => r.unitName)));
  });

  it('kept between views, current as soon as a report is decided, and each reviewer sees their own', async () => {
    resetStatsCache();
    await actAs('tp.noivu');
    const first = await listReviewInbox({ limit: 8, withUnits: false });
    expect(first.items.length).toBeGreaterThan(0);
    const before = statsCacheCounters();
    expect(await listReviewInbox({ limit: 8, withUnits: false })).toEqual(first);
    expect(statsCacheCounters().hits).toBe(before.hits + 1);
    // Another reviewer with other routes, asked in between with the cache warm: their own inbox.
    await actAs('chutich');
    const chairman = await listReviewInbox({ limit: 8, withUnits: false });
    expect(chairman.items.map((r) => r.reportId)).not.toEqual(first.items.map((r) => r.reportId));
    // The oldest report is decided: gone from the next view at once.
    await actAs('tp.noivu');
    const oldest = await getDb().report.findUniqueOrThrow({
      where: { id: first.items[0]!.reportId },
      select: { id: true, version: true },
    });
    await reviewReport({ reportId: oldest.id, version: oldest.version, decision: 'approve', comment: '' });
    const after = await listReviewInbox({ limit: 8, withUnits: false });
    expect(after.total).toBe(first.total - 1);
    expect(after.items.map((r) => r.reportId)).not.toContain(oldest.id);
    // The others keep their order, oldest first.
    const ids = (page: typeof first) => page.items.map((r) => r.reportId);
    expect(ids(after).slice(0, first.items.length - 1)).toEqual(ids(first).slice(1));
  });
});
