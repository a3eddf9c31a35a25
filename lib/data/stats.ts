import 'server-only';
import { getDb } from '../db';
import { can, type SessionUser } from '../permissions';
import { queryStatusCounts, queryTaskCount, type DashboardScope, type StatusCounts } from './dashboard-sql';
import { requirePermission } from './guard';
import { cachedStat, momentKey } from './stats-cache';

export type { StatusCounts } from './dashboard-sql';

/** Whose assignments the home page headline counts: everything for the chairman and administrator;
 *  for a department head their own unit's and every assignment of the tasks it leads; else their unit's. */
function statsScope(user: SessionUser): DashboardScope {
  if (can(user, 'work:read-all')) return { kind: 'CITY' };
  if (user.role === 'DEPARTMENT_HEAD') return { kind: 'LED', unitId: user.unitId, includeUnled: false, includeOwn: true };
  return { kind: 'UNIT', unitId: user.unitId };
}

/**
 * The national headline: "Tổng số N nhiệm vụ; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn
 * thành Y (trong hạn c, quá hạn d)", counted over assignments (one per task and unit), within the
 * user's scope. `now` is a parameter so tests can pin it. The same SQL as the dashboard
 * (lib/data/dashboard-sql.ts), so the home page and the dashboard never disagree.
 */
export async function getHeadline(options: { programmeId?: number; now?: Date } = {}): Promise<StatusCounts> {
  const user = await requirePermission('work:read-own');
  const now = options.now ?? new Date();
  const scope = statsScope(user);
  const filter = { programme: options.programmeId };
  return cachedStat(['headline', scope, filter, momentKey(now, !options.now)], () => queryStatusCounts(getDb(), now, scope, filter));
}

/** The distinct tasks behind getHeadline's assignments, for "N nhiệm vụ, M lượt giao". */
export async function getHeadlineTaskCount(options: { programmeId?: number; now?: Date } = {}): Promise<number> {
  const user = await requirePermission('work:read-own');
  const now = options.now ?? new Date();
  const scope = statsScope(user);
  const filter = { programme: options.programmeId };
  return cachedStat(['tasks', scope, filter, momentKey(now, !options.now)], () => queryTaskCount(getDb(), now, scope, filter));
}
