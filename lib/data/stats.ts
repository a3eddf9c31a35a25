import 'server-only';
import { getDb } from '../db';
import {
  queryStatusCounts,
  queryTaskCount,
  type DashboardScope,
  type SlotFilter,
  type StatusCounts,
} from './dashboard-sql';
import { requirePermission } from './guard';
import { readStatistics } from './read-source';
import { statisticsScope } from './statistics-scope';
import { cachedStat, momentKey } from './stats-cache';

export type { StatusCounts } from './dashboard-sql';

/**
 * The national headline: "Tổng số N nhiệm vụ; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn
 * thành Y (trong hạn c, quá hạn d)", counted over assignments (one per task and unit), within the
 * user's scope. `now` is a parameter so tests can pin it. The same SQL as the dashboard
 * (lib/data/dashboard-sql.ts), so the home page and the dashboard never disagree.
 */
export async function getHeadline(options: HeadlineOptions = {}): Promise<StatusCounts> {
  return headlineStat('headline', options, queryStatusCounts);
}

/** The distinct tasks behind getHeadline's assignments, for "N nhiệm vụ, M lượt giao". */
export async function getHeadlineTaskCount(options: HeadlineOptions = {}): Promise<number> {
  return headlineStat('tasks', options, queryTaskCount);
}

type HeadlineOptions = { programmeId?: number; now?: Date };

/** One headline number for the user's scope: cached per scope, live on the real clock (decision 008). */
async function headlineStat<T>(
  name: string,
  options: HeadlineOptions,
  query: (
    db: ReturnType<typeof getDb>,
    asOf: Date,
    scope: DashboardScope,
    filter: SlotFilter,
    live: boolean,
  ) => Promise<T>,
): Promise<T> {
  const user = await requirePermission('work:read-own');
  const live = !options.now;
  const now = options.now ?? new Date();
  const scope = statisticsScope(user).scope;
  const filter = { programme: options.programmeId };
  return cachedStat([name, scope, filter, momentKey(now, live)], () =>
    readStatistics((db) => query(db, now, scope, filter, live)),
  );
}
