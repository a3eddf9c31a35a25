/** The review inbox is paged by a keyset cursor and can be narrowed to one unit (issue 8). */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { listReviewInbox } = await import('../../lib/data/work');

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
});
