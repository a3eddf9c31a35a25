import 'server-only';
import { can, type SessionUser } from '../permissions';
import type { DashboardScopeKind } from './dashboard-shape';
import type { DashboardScope } from './dashboard-sql';

/**
 * "Whose work my numbers count" — the ONE scope of every statistic a user sees: the home page
 * headline, the dashboard, its drill-downs, the trend and the exports (a test pins that home and
 * dashboard agree for every role).
 *   - chairman, vice-chairmen, administrator: the whole city;
 *   - a department head: the work the department answers for — every unit's assignments on the
 *     tasks it leads, its own assignments on other tasks, and, for the standing office (Phòng Nội
 *     vụ), the tasks nobody leads (it reviews their reports);
 *   - anyone else: their own unit's assignments.
 * (Which rows a user may OPEN is a different question: lib/data/scope.ts.)
 */
export type StatisticsScope = { scope: DashboardScope; kind: DashboardScopeKind; label: string };

export function statisticsScope(user: SessionUser): StatisticsScope {
  if (can(user, 'dashboard:city')) return { scope: { kind: 'CITY' }, kind: 'CITY', label: 'toàn thành phố' };
  if (can(user, 'dashboard:department')) {
    return {
      scope: { kind: 'LED', unitId: user.unitId, includeUnled: user.isStandingOffice, includeOwn: true },
      kind: 'DEPARTMENT',
      label: user.isStandingOffice
        ? `các nhiệm vụ do ${user.unitName} chủ trì, nhiệm vụ chưa có đơn vị chủ trì và nhiệm vụ giao cho ${user.unitName}`
        : `các nhiệm vụ do ${user.unitName} chủ trì và nhiệm vụ giao cho ${user.unitName}`,
    };
  }
  return { scope: { kind: 'UNIT', unitId: user.unitId }, kind: 'UNIT', label: user.unitName };
}
