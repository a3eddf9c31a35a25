import 'server-only';
import { getDb } from '../db';
import { queryStatusCounts, queryTaskCount, type StatusCounts } from './dashboard-sql';
import { requirePermission } from './guard';
import { statisticsScope } from './statistics-scope';
import { cachedStat, momentKey } from './stats-cache';

export type { StatusCounts } from './dashboard-sql';

/**
 * The national headline: "Tổng số N nhiệm vụ; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn
 * thành Y (trong hạn c, quá hạn d)", counted over assignments (one per task and unit), within the
 * user's scope. `now` is a parameter so tests can pin it. The same SQL as the dashboard
 * (lib/data/dashboard-sql.ts), so the home page and the dashboard never disagree.
 */
export async function getHeadline(options: { programmeId?: number; now?: Date } = {}): Promise<StatusCounts> {
  const user = await requirePermission('work:read-own');
  const now = options.now ?? new Date();
  const scope = statisticsScope(user).scope;
  const filter = { programme: options.programmeId };
  return cachedStat(['headline', scope, filter, momentKey(now, !options.now)], () => queryStatusCounts(getDb(), now, scope, filter, !options.now));
}

/** The distinct tasks behind getHeadline's assignments, for "N nhiệm vụ, M lượt giao". */
export async function getHeadlineTaskCount(options: { programmeId?: number; now?: Date } = {}): Promise<number> {
  const user = await requirePermission('work:read-own');
  const now = options.now ?? new Date();
  const scope = statisticsScope(user).scope;
  const filter = { programme: options.programmeId };
  return cachedStat(['tasks', scope, filter, momentKey(now, !options.now)], () => queryTaskCount(getDb(), now, scope, filter, !options.now));
}
