import 'server-only';
import { getDb, type PrismaClient } from '../db';
import type { DashboardFilters } from '../validation/dashboard';
import { getDashboard, scopeOf, slotFilter, type Dashboard } from './dashboard';
import { exportRows } from './export-rows';
import type { DrillRow } from './dashboard-shape';
import { requirePermission } from './guard';
import { statisticsSource } from './read-source';
import { resolveMoment } from './stats-cache';
import { listIndicatorStandings, type IndicatorStanding } from './targets';

/**
 * What the Excel table and the Word report are made of: the dashboard of the user's scope and
 * filters (getDashboard: the same numbers as the screen), who signs, and — for the Excel list — the
 * assignments, read through one cursor while the file is sent (lib/data/export-rows.ts).
 */

export type ExportSigner = {
  /** "CHỦ TỊCH". */
  title: string;
  /** The chairman's name, or null when the committee has no chairman account (a blank line is printed). */
  name: string | null;
};

export type ExportHead = {
  dashboard: Dashboard;
  programme: { id: number; title: string; documentNumber: string | null; issuingBody: string } | null;
  sectionTitle: string | null;
  generatedAt: Date;
  /** The user who made the file ("Người lập biểu"). */
  preparedBy: string;
  signer: ExportSigner;
  /** The targets section (decision 014): each indicator's standing in the same scope and moment. */
  targets?: IndicatorStanding[];
};

export type ExportSource = ExportHead & {
  /** The assignments of the dashboard, page by page (each page is read when asked for). */
  rows: () => AsyncGenerator<DrillRow[]>;
};

/**
 * The chairman who signs for the committee: an active leadership account whose title is "Chủ
 * tịch …" (not "Phó Chủ tịch"). Names only, nothing scoped.
 */
export async function findSigner(db: PrismaClient = getDb()): Promise<ExportSigner> {
  const leaders = await db.user.findMany({
    where: { role: 'CHAIRMAN', active: true, jobTitle: { startsWith: 'Chủ tịch', mode: 'insensitive' } },
    orderBy: { id: 'asc' },
    take: 1,
    select: { displayName: true },
  });
  return { title: 'CHỦ TỊCH', name: leaders[0]?.displayName ?? null };
}

/**
 * Everything an export needs for the signed-in user's scope and the filters, read before the first
 * byte is sent (so a refusal or a failure becomes an error page); the rows are read while sending.
 * `heatUnits`: units listed per section in the Word report.
 */
export async function getExportSource(
  filters: DashboardFilters,
  options: { now?: Date; heatUnits?: number } = {},
): Promise<ExportSource> {
  const user = await requirePermission('work:read-own');
  const { scope } = scopeOf(user);
  const db = getDb();
  const { heatUnits } = options;
  // "Now" on the real clock reads the statistics read model, as the dashboard does (decision 008).
  const { now, asOf, live } = resolveMoment(filters.period, options.now);
  const filter = slotFilter(filters);
  const [dashboard, programme, section, signer, targets, rowSource] = await Promise.all([
    getDashboard(filters, { now: options.now, heatUnits }),
    filters.programme !== undefined
      ? db.programme.findUnique({
          where: { id: filters.programme },
          select: { id: true, title: true, documentNumber: true, issuingBody: true },
        })
      : null,
    filters.section !== undefined
      ? db.section.findUnique({ where: { id: filters.section }, select: { numeral: true, title: true } })
      : null,
    findSigner(db),
    listIndicatorStandings({ now, asOf, programmeId: filters.programme }),
    // The list's rows: from the replica when it has caught up (decision 021).
    statisticsSource(),
  ]);
  return {
    dashboard,
    programme,
    sectionTitle: section ? `${section.numeral}. ${section.title}` : null,
    generatedAt: now,
    preparedBy: user.displayName,
    signer,
    targets,
    rows: () => exportRows(rowSource, asOf, scope, filter, { live }),
  };
}
