/**
 * The demo city looks like a city in the middle of its programme (issue 12, decision 016): about
 * two thirds of the assignments done (some late), some overdue, reports awaiting approval and
 * returned, reports in every state through the past year, a quarterly trend that rises, and units
 * spread from leaders to laggards. Read through the chairman's dashboard, as a newcomer sees it,
 * on the seeded template (seeded at the start of this run).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { getDashboard, getCompletionTrend } = await import('../../lib/data/dashboard');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');

type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
type Trend = Awaited<ReturnType<typeof getCompletionTrend>>;

let dashboard: Dashboard;
let trend: Trend;

beforeAll(async () => {
  await actAs('chutich');
  const filters = parseDashboardParams({});
  [dashboard, trend] = await Promise.all([getDashboard(filters), getCompletionTrend(filters)]);
});

describe('the demo city, as the chairman first sees it', () => {
  it('has about two thirds of its assignments done, some of them late', () => {
    const h = dashboard.headline;
    const done = h.DONE_ON_TIME + h.DONE_LATE;
    expect(h.total).toBeGreaterThan(600);
    expect(done / h.total).toBeGreaterThanOrEqual(0.62);
    expect(done / h.total).toBeLessThanOrEqual(0.7);
    expect(h.DONE_LATE).toBeGreaterThan(0.1 * done);
    expect(h.DONE_LATE).toBeLessThan(h.DONE_ON_TIME);
  });

  it('still has overdue work, work in progress and reports waiting for approval', () => {
    expect(dashboard.headline.IN_PROGRESS_OVERDUE).toBeGreaterThanOrEqual(20);
    expect(dashboard.headline.IN_PROGRESS_ON_TIME + dashboard.headline.NOT_STARTED).toBeGreaterThan(0);
    expect(dashboard.pending).toBeGreaterThanOrEqual(10);
  });

  it('has reports in every state, and approvals and returns in each quarter of the past year', async () => {
    const db = getDb();
    const byStatus = await db.report.groupBy({ by: ['status'], _count: true });
    const count = (s: string) => byStatus.find((r) => r.status === s)?._count ?? 0;
    for (const status of ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'])
      expect(count(status), status).toBeGreaterThan(5);
    const now = Date.now();
    const quarter = 91 * 86_400_000;
    for (let q = 0; q < 4; q++) {
      const window = { gte: new Date(now - (q + 1) * quarter), lt: new Date(now - q * quarter) };
      const approved = await db.reportReview.count({ where: { decision: 'APPROVED', createdAt: window } });
      const returned = await db.reportReview.count({ where: { decision: 'RETURNED', createdAt: window } });
      expect(approved, `approvals ${q} quarters back`).toBeGreaterThan(10);
      expect(returned, `returns ${q} quarters back`).toBeGreaterThan(0);
    }
  });

  it('shows completion rising over the last four quarters and up to today', () => {
    const rates = trend.quarters.slice(-4).map((q) => q.completionRate ?? 0);
    for (let i = 1; i < rates.length; i++)
      expect(rates[i], trend.quarters.at(-4 + i)!.label).toBeGreaterThan(rates[i - 1]!);
    const today = trend.months.at(-1)!;
    expect(today.completionRate!).toBeGreaterThan(rates.at(-1)!);
    expect(today.completionRate!).toBeCloseTo(dashboard.completionRate!, 10);
  });

  it('ranks units from leaders to laggards', () => {
    const rates = dashboard.units.map((u) => u.completionRate ?? 0);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThanOrEqual(0.4);
    expect(rates.filter((r) => r >= 0.75).length).toBeGreaterThanOrEqual(3);
    expect(rates.filter((r) => r < 0.5).length).toBeGreaterThanOrEqual(3);
  });
});
