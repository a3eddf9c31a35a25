/**
 * The whole ranking and the whole heatmap, a page at a time (/dashboard/ranking, /dashboard/heatmap;
 * decision 031): the dashboard shows only their start. On the seeded city in real PostgreSQL, with
 * pages small enough to bite on 29 units: the pages put together are exactly the full ranking and
 * the full heatmap, in the dashboard's order; a page past the end is the last one; each user's
 * pages hold only their own scope's units; a unit-scoped user has no such page.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDashboard, getRankingPage, getHeatmapPage } = await import('../../lib/data/dashboard');
const { HEAT_ROWS, RANKING_TOP, RANKING_BOTTOM } = await import('../../lib/data/dashboard-shape');
const { resetStatsCache, statsCacheCounters } = await import('../../lib/data/stats-cache');
const { NotFoundError } = await import('../../lib/errors');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');

const ALL = 100_000;
const SIZE = 4;

beforeEach(() => resetStatsCache());

const views = [
  parseDashboardParams({}),
  parseDashboardParams({ sort: 'overdue' }),
  parseDashboardParams({ kind: 'WARD', heat: 'area' }),
];

describe.each(['chutich', 'tp.noivu'])('paged ranking and heatmap as %s', (username) => {
  beforeEach(async () => {
    await actAs(username);
  });

  it.each(views.map((f) => [JSON.stringify(f), f]))('the ranking pages make up the full ranking (%s)', async (_, f) => {
    const d = await getDashboard(f);
    const full = [...d.units].sort((a, b) => a.rank - b.rank);
    const first = await getRankingPage(f, 1, { pageSize: SIZE });
    expect(first.total).toBe(full.length);
    expect(first.pageCount).toBe(Math.max(1, Math.ceil(full.length / SIZE)));
    const rows = [];
    for (let page = 1; page <= first.pageCount; page++) {
      const p = await getRankingPage(f, page, { pageSize: SIZE });
      expect(p.page).toBe(page);
      expect(p.rows.length).toBeLessThanOrEqual(SIZE);
      rows.push(...p.rows);
    }
    expect(rows.map((u) => [u.unitId, u.rank])).toEqual(full.map((u) => [u.unitId, u.rank]));
    expect(rows).toEqual(full);
    // A page past the end (a stale link) is the last page, not an empty one.
    const past = await getRankingPage(f, first.pageCount + 5, { pageSize: SIZE });
    expect(past.page).toBe(first.pageCount);
    expect(past.rows).toEqual(full.slice((first.pageCount - 1) * SIZE));
  });

  it.each(views.map((f) => [JSON.stringify(f), f]))('the heatmap pages make up the full heatmap (%s)', async (_, f) => {
    const full = await getDashboard(f, { heatUnits: ALL });
    const first = await getHeatmapPage(f, 1, { pageSize: SIZE });
    expect(first.total).toBe(full.units.length);
    const rows = [];
    for (let page = 1; page <= first.pageCount; page++) {
      const p = await getHeatmapPage(f, page, { pageSize: SIZE });
      expect(p.rows.columns).toEqual(full.heat.columns);
      expect(p.rows.totalUnits).toBe(full.units.length);
      rows.push(...p.rows.rows);
    }
    expect(rows).toEqual(full.heat.rows);
    expect(rows.map((r) => r.unitId)).toEqual(full.units.map((u) => u.unitId));
  });
});

describe('whose units a page holds', () => {
  it('a department head pages the standings of their scope; the chairman those of the whole city', async () => {
    const f = parseDashboardParams({});
    const byRank = <T extends { rank: number }>(units: T[]) => [...units].sort((x, y) => x.rank - y.rank);
    await actAs('tp.noivu');
    const own = byRank((await getDashboard(f)).units);
    const ownHeat = (await getDashboard(f, { heatUnits: ALL })).heat.rows;
    await actAs('chutich');
    const city = byRank((await getDashboard(f)).units);
    const cityHeat = (await getDashboard(f, { heatUnits: ALL })).heat.rows;
    // The scopes differ (the head counts only the tasks their department leads), so a shared entry would show.
    expect(own.reduce((n, u) => n + u.counts.total, 0)).toBeLessThan(city.reduce((n, u) => n + u.counts.total, 0));
    // Asked alternately, the statistics cache warm with the other's entries.
    for (const [who, ranking, heat] of [
      ['tp.noivu', own, ownHeat],
      ['chutich', city, cityHeat],
      ['tp.noivu', own, ownHeat],
    ] as const) {
      await actAs(who);
      expect((await getRankingPage(f, 1, { pageSize: ALL })).rows).toEqual(ranking);
      expect((await getHeatmapPage(f, 1, { pageSize: ALL })).rows.rows).toEqual(heat);
    }
  });

  it("a heatmap page keeps only its own rows: the dashboard's aggregates are computed once for every page", async () => {
    // Each page used to be a whole dashboard entry of its own (~3 MB of heap on the national city).
    await actAs('chutich');
    const f = parseDashboardParams({});
    await getDashboard(f);
    const before = statsCacheCounters();
    for (let page = 1; page <= 3; page++) await getHeatmapPage(f, page, { pageSize: SIZE });
    const after = statsCacheCounters();
    expect(after.hits - before.hits).toBe(3); // the dashboard's entry, once per page
    expect(after.misses - before.misses).toBe(3); // one window per page
    expect((after.bytes - before.bytes) / 3).toBeLessThan(before.bytes / 2);
  });

  it('an officer, whose scope is their unit, has no ranking or heatmap page', async () => {
    await actAs('cb.tranphu');
    const f = parseDashboardParams({});
    await expect(getRankingPage(f, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getHeatmapPage(f, 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the dashboard shows the start of what the pages hold', async () => {
    await actAs('chutich');
    const f = parseDashboardParams({});
    const d = await getDashboard(f);
    expect(d.units.length).toBeGreaterThan(RANKING_TOP + RANKING_BOTTOM); // so that the links appear on the seeded city
    expect(d.heat.rows).toEqual((await getHeatmapPage(f, 1, { pageSize: HEAT_ROWS })).rows.rows);
  });
});
