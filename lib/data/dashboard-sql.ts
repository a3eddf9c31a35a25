import 'server-only';
import { Prisma, primaryOf, type PrismaClient } from '../db';
import type { OfficialStatus } from '../domain/status';
import type { DrillStatus, UnitKindFilter } from '../validation/dashboard';
import {
  countsOf,
  emptyCounts,
  HEAT_ROWS,
  ratesOf,
  shapeAggregates,
  shapeHeat,
  trendPlan,
  type Dashboard,
  type Heatmap,
} from './dashboard-shape';
import { vnDateOf } from '../domain/time';
import type { AggregateRow, AssignmentRow, CountRow, HeatRow, StatusCounts } from './dashboard-rows';
import { refreshLiveTally } from './status-live';
import { LINEAGE, missedPeriodsSql, slotsAtCte } from './status-sql';

export type { AggregateRow, AssignmentRow, CountRow, HeatRow, StatusCounts } from './dashboard-rows';
/**
 * The SQL behind every number of the dashboard, the exports and the home page headline — one
 * chain of CTEs (`slotCtes`) and a few queries on it. Internal to lib/data: these functions do not
 * authorize; their callers (lib/data/dashboard.ts, lib/data/stats.ts) call requirePermission first
 * and pass the user's scope in.
 *
 * Shape of the chain, for one or more moments:
 *   slots       the official status of every slot at the moment (lib/data/status-sql.ts)
 *   unit_final  where a merged unit's history goes: a unit that was merged (or renamed) into
 *               exactly one successor on or before the moment reports under that successor,
 *               following chains (A → B → C); a split unit keeps its own row
 *   f           slots in scope and filters, with the unit they are counted under
 *               (report_unit_id) — the only relation the queries read.
 * Two forms of `f`: one row per slot (`slotCtes`, for lists), or — for counts — slots first
 * reduced to one row per (moment, unit, section, reform area, status) with a count `n`
 * (`countCtes`), so that the unit roll-up and the grouping sets read the reduced rows, and totals
 * that need no unit skip the units altogether. docs/benchmarks/dashboard.md has the figures.
 */

/** Which assignments a user's numbers are made of. */
export type DashboardScope =
  | { kind: 'CITY' }
  /** Tasks the unit leads; optionally the tasks nobody leads (the standing office) and the unit's own assignments. */
  | { kind: 'LED'; unitId: number; includeUnled: boolean; includeOwn: boolean }
  | { kind: 'UNIT'; unitId: number };

export type SlotFilter = {
  programme?: number;
  section?: number;
  /** A ReformArea, or 'NONE' for tasks without one. */
  area?: string;
  kind?: UnitKindFilter;
  /** The unit the slot is counted under (after mergers). */
  unit?: number;
  status?: DrillStatus;
  /** The task's lead unit. */
  lead?: number;
};

const KIND_SETS: Record<UnitKindFilter, string[]> = {
  LOCAL: ['WARD', 'COMMUNE'],
  WARD: ['WARD'],
  COMMUNE: ['COMMUNE'],
  DEPARTMENT: ['DEPARTMENT'],
};

/** Scope and task filters on the raw tables (a = Assignment, t = Task), applied before the slots are built. */
function assignmentWhere(scope: DashboardScope, filter: SlotFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.kind === 'UNIT') parts.push(Prisma.sql`a."unitId" = ${scope.unitId}`);
  if (scope.kind === 'LED') {
    const alternatives = [
      Prisma.sql`EXISTS (SELECT 1 FROM "Assignment" l WHERE l."taskId" = a."taskId" AND l.role = 'LEAD' AND l."unitId" = ${scope.unitId})`,
    ];
    if (scope.includeUnled)
      alternatives.push(
        Prisma.sql`NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."taskId" = a."taskId" AND l.role = 'LEAD')`,
      );
    if (scope.includeOwn) alternatives.push(Prisma.sql`a."unitId" = ${scope.unitId}`);
    parts.push(Prisma.sql`(${Prisma.join(alternatives, ' OR ')})`);
  }
  if (filter.programme !== undefined) parts.push(Prisma.sql`t."programmeId" = ${filter.programme}`);
  if (filter.section !== undefined) parts.push(Prisma.sql`t."sectionId" = ${filter.section}`);
  if (filter.area === 'NONE') parts.push(Prisma.sql`t."reformArea" IS NULL`);
  else if (filter.area !== undefined) parts.push(Prisma.sql`t."reformArea"::text = ${filter.area}`);
  if (filter.lead !== undefined) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Assignment" l WHERE l."taskId" = a."taskId" AND l.role = 'LEAD' AND l."unitId" = ${filter.lead})`,
    );
  }
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}

function statusWhere(status: DrillStatus | undefined): Prisma.Sql {
  if (status === undefined) return Prisma.sql`TRUE`;
  if (status === 'DONE') return Prisma.sql`s.status IN ('DONE_ON_TIME', 'DONE_LATE')`;
  if (status === 'OPEN') return Prisma.sql`s.status NOT IN ('DONE_ON_TIME', 'DONE_LATE')`;
  return Prisma.sql`s.status = ${status}`;
}

/**
 * A unit and the units merged or renamed into it (at any date: the roll-up decides per moment).
 * Read first, so that a drill-down or a heatmap row reads only those units' assignments through
 * the index on Assignment.unitId.
 */
async function withPredecessors(db: PrismaClient, units: number[]): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE up(id) AS (
      SELECT unnest(${units}::int[])
      UNION
      SELECT l."predecessorId" FROM "UnitLineage" l JOIN up ON l."successorId" = up.id WHERE l.kind IN ('MERGE', 'RENAME')
    )
    SELECT id FROM up`;
  return rows.map((r) => r.id);
}

function unitsIn(ids: number[]): Prisma.Sql {
  return Prisma.sql`a."unitId" = ANY(${ids}::int[])`;
}

function kindWhere(filter: SlotFilter): Prisma.Sql {
  return filter.kind ? Prisma.sql`ru.kind::text IN (${Prisma.join(KIND_SETS[filter.kind])})` : Prisma.sql`TRUE`;
}

function unitWhere(filter: SlotFilter): Prisma.Sql {
  return filter.unit !== undefined ? Prisma.sql`ru.id = ${filter.unit}` : Prisma.sql`TRUE`;
}

function where(scope: DashboardScope, filter: SlotFilter, extra?: Prisma.Sql): Prisma.Sql {
  return extra ? Prisma.sql`${assignmentWhere(scope, filter)} AND ${extra}` : assignmentWhere(scope, filter);
}

/** The row-level chain ending in `f` (one row per slot); goes right after `WITH RECURSIVE`. */
export function slotCtes(
  moments: readonly Date[],
  scope: DashboardScope,
  filter: SlotFilter,
  extra?: Prisma.Sql,
  live = false,
): Prisma.Sql {
  return Prisma.sql`
    ${slotsAtCte(moments, { where: where(scope, filter, extra), live })},
    ${LINEAGE},
    f AS (
      SELECT s.*, ru.id AS report_unit_id, ru.name AS report_unit_name, ru.kind::text AS report_unit_kind
      FROM slots s
      LEFT JOIN unit_final uf ON uf.moment = s.moment AND uf.unit_id = s.unit_id
      JOIN "Unit" ru ON ru.id = coalesce(uf.target_id, s.unit_id)
      WHERE ${kindWhere(filter)} AND ${unitWhere(filter)} AND ${statusWhere(filter.status)}
    )`;
}

/**
 * The counting chain ending in `f`(moment, report_unit_id, section_id, reform_area, status, n,
 * pending): slots reduced before the roll-up. `pending` counts the submitted reports awaiting a
 * decision (the current state: approval history is not kept per moment). Without `units` — and
 * without a unit or unit-kind filter — the unit is left out altogether (report_unit_id is null):
 * totals do not depend on which unit a slot is counted under, and the reduction to a handful of
 * rows lets PostgreSQL spread the scan over its workers.
 */
export function countCtes(
  moments: readonly Date[],
  scope: DashboardScope,
  filter: SlotFilter,
  {
    pending = false,
    units = true,
    extra,
    live = false,
  }: { pending?: boolean; units?: boolean; extra?: Prisma.Sql; live?: boolean } = {},
): Prisma.Sql {
  const pend = pending
    ? Prisma.sql`LEFT JOIN (SELECT r."assignmentId" AS assignment_id, count(*)::int AS n FROM "Report" r WHERE r.status = 'SUBMITTED' GROUP BY r."assignmentId") pe
                   ON pe.assignment_id = s.assignment_id`
    : Prisma.empty;
  const pendingSum = pending ? Prisma.sql`coalesce(sum(pe.n), 0)::int` : Prisma.sql`0`;
  const slots = slotsAtCte(moments, { where: where(scope, filter, extra), live });
  if (!units && !filter.kind && filter.unit === undefined) {
    return Prisma.sql`
    ${slots},
    f AS (
      SELECT s.moment, NULL::int AS report_unit_id, s.section_id, s.reform_area, s.status, count(*)::int AS n, ${pendingSum} AS pending
      FROM slots s ${pend}
      WHERE ${statusWhere(filter.status)}
      GROUP BY s.moment, s.section_id, s.reform_area, s.status
    )`;
  }
  return Prisma.sql`
    ${slots},
    ${LINEAGE},
    reduced AS (
      SELECT s.moment, s.unit_id, s.section_id, s.reform_area, s.status, count(*)::int AS n, ${pendingSum} AS pending
      FROM slots s ${pend}
      WHERE ${statusWhere(filter.status)}
      GROUP BY s.moment, s.unit_id, s.section_id, s.reform_area, s.status
    ),
    f AS (
      SELECT s.moment, ru.id AS report_unit_id, s.section_id, s.reform_area, s.status, s.n, s.pending
      FROM reduced s
      LEFT JOIN unit_final uf ON uf.moment = s.moment AND uf.unit_id = s.unit_id
      JOIN "Unit" ru ON ru.id = coalesce(uf.target_id, s.unit_id)
      WHERE ${kindWhere(filter)} AND ${unitWhere(filter)}
    )`;
}

/**
 * Runs a dashboard query as a plain statement: no transaction, so it only waits for a free
 * connection, never fails for want of one in time. Memory and time limits are set per connection
 * (lib/db.ts, decision 008).
 */
async function run<T>(db: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  return db.$queryRaw<T[]>(query);
}

/** Status counts of a group of `countCtes` rows. */
const COUNT_COLUMNS = Prisma.sql`
  coalesce(sum(f.n) FILTER (WHERE f.status = 'DONE_ON_TIME'), 0)::int AS done_on_time,
  coalesce(sum(f.n) FILTER (WHERE f.status = 'DONE_LATE'), 0)::int AS done_late,
  coalesce(sum(f.n) FILTER (WHERE f.status = 'IN_PROGRESS_ON_TIME'), 0)::int AS on_time,
  coalesce(sum(f.n) FILTER (WHERE f.status = 'IN_PROGRESS_OVERDUE'), 0)::int AS overdue,
  coalesce(sum(f.n) FILTER (WHERE f.status = 'NOT_STARTED'), 0)::int AS not_started`;

/** The headline counts for one moment. */
export async function queryStatusCounts(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  live = false,
): Promise<StatusCounts> {
  if (live && filter.status === undefined) return queryStatusCountsCounted(db, { from: 'live' }, asOf, scope, filter);
  const rows = await run<CountRow>(
    db,
    Prisma.sql`
    WITH RECURSIVE ${countCtes([asOf], scope, filter, { units: false, live })}
    SELECT ${COUNT_COLUMNS} FROM f`,
  );
  return rows[0] ? countsOf(rows[0]) : emptyCounts();
}

/**
 * How many distinct tasks the headline's assignments belong to ("10 nhiệm vụ, 244 lượt giao"):
 * the same assignments as queryStatusCounts — scope, filters, existence at the moment, and the
 * unit-kind and unit filters on the unit a slot is counted under. Which tasks are counted does not
 * depend on any status, so without a status filter this reads the assignments that exist at the
 * moment (slotsAtCte's existence rule, `existsAt`) and never evaluates a status; with one, the
 * slots (slotCtes' `f`).
 */
export async function queryTaskCount(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  live = false,
): Promise<number> {
  if (filter.status !== undefined) {
    const rows = await run<{ n: number }>(
      db,
      Prisma.sql`
      WITH RECURSIVE ${slotCtes([asOf], scope, filter, undefined, live)}
      SELECT count(DISTINCT f.task_id)::int AS n FROM f`,
    );
    return rows[0]?.n ?? 0;
  }
  const byUnit = filter.kind !== undefined || filter.unit !== undefined;
  if (!byUnit) {
    // One probe per task (the (taskId, …) indexes): does it have an assignment in scope that exists?
    const rows = await run<{ n: number }>(
      db,
      Prisma.sql`
      WITH ${oneMoment(asOf)}
      SELECT count(*)::int AS n
      FROM moments m
      CROSS JOIN "Task" t
      JOIN "Programme" p ON p.id = t."programmeId"
      WHERE t."archivedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a."taskId" = t.id AND ${existsAt} AND ${assignmentWhere(scope, filter)})`,
    );
    return rows[0]?.n ?? 0;
  }
  const rows = await run<{ n: number }>(
    db,
    Prisma.sql`
    WITH RECURSIVE ${oneMoment(asOf)}${byUnit ? Prisma.sql`, ${LINEAGE}` : Prisma.empty}
    SELECT count(DISTINCT a."taskId")::int AS n
    FROM moments m
    CROSS JOIN "Assignment" a
    JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
    JOIN "Programme" p ON p.id = t."programmeId"
    ${
      byUnit
        ? Prisma.sql`LEFT JOIN unit_final uf ON uf.moment = m.moment AND uf.unit_id = a."unitId"
    JOIN "Unit" ru ON ru.id = coalesce(uf.target_id, a."unitId")`
        : Prisma.empty
    }
    WHERE ${existsAt} AND ${assignmentWhere(scope, filter)} AND ${kindWhere(filter)} AND ${unitWhere(filter)}`,
  );
  return rows[0]?.n ?? 0;
}

/** The CTE `moments` of one moment, as slotsAtCte writes it. */
function oneMoment(asOf: Date): Prisma.Sql {
  return Prisma.sql`moments(moment, as_of_utc, as_of_day) AS (VALUES (0::int, ${utcText(asOf)}::timestamp, ${vnDateOf(asOf)}::date))`;
}

/** slotsAtCte's rule for "this assignment exists at the moment m" (a, p, m as there). */
const existsAt = Prisma.sql`(p."periodStart" <= m.as_of_day OR a."createdAt" <= m.as_of_utc)`;

/**
 * The aggregates of the dashboard in one scan: the headline, per unit, per section and per reform
 * area, with the reports awaiting approval.
 */
export async function queryAggregates(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  live = false,
): Promise<AggregateRow[]> {
  return run<AggregateRow>(
    db,
    Prisma.sql`
    WITH RECURSIVE ${countCtes([asOf], scope, filter, { pending: true, live })}
    ${AGGREGATES_OF_F}`,
  );
}

/**
 * The grouping sets of the aggregates over a relation `f`(report_unit_id, section_id,
 * reform_area, status, n, pending), with the names the page shows.
 */
const AGGREGATES_OF_F = Prisma.sql`,
    g AS (
      SELECT GROUPING(f.report_unit_id, f.section_id, f.reform_area) AS bits,
             f.report_unit_id AS unit_id, f.section_id, f.reform_area,
             ${COUNT_COLUMNS},
             coalesce(sum(f.pending), 0)::int AS pending
      FROM f
      GROUP BY GROUPING SETS ((), (f.report_unit_id), (f.section_id), (f.reform_area))
    )
    SELECT CASE g.bits WHEN 7 THEN 'all' WHEN 3 THEN 'unit' WHEN 5 THEN 'section' WHEN 6 THEN 'area' END AS set,
           g.unit_id, g.section_id, g.reform_area, g.done_on_time, g.done_late, g.on_time, g.overdue, g.not_started, g.pending,
           u.name AS unit_name, u.kind::text AS unit_kind, u."validTo" AS unit_valid_to,
           sec.numeral AS section_numeral, sec.title AS section_title, sec."order" AS section_order,
           pr.id AS programme_id, pr.title AS programme_title, pr."documentNumber" AS programme_document_number
    FROM g
    LEFT JOIN "Unit" u ON u.id = g.unit_id
    LEFT JOIN "Section" sec ON sec.id = g.section_id
    LEFT JOIN "Programme" pr ON pr.id = sec."programmeId"`;

/**
 * Pre-counted rows: a past moment's snapshot (StatusSnapshot, filled on first use) or today's live
 * tally (StatusLive, lib/data/status-live.ts) — the same columns, the same counts the rule gives.
 */
export type Counted = ({ from: 'snapshot'; moments: readonly Date[] } | { from: 'live' }) & {
  /** Where the rows were found ready (readyCounted): set, the queries read there without checking again. */
  source?: PrismaClient;
};

/** `counted` brought up to date once, for a caller that runs several queries on it (computeDashboard). */
export async function readyCounted(db: PrismaClient, counted: Counted, now?: Date): Promise<Counted> {
  return { ...counted, source: (await countedTable(db, counted, now)).source };
}

/** The table of pre-counted rows, brought up to date first. */
async function countedTable(
  db: PrismaClient,
  counted: Counted,
  now?: Date,
): Promise<{ source: PrismaClient; table: Prisma.Sql }> {
  if (counted.from === 'live')
    return { source: counted.source ?? (await liveTallySource(db, now)), table: Prisma.raw('"StatusLive"') };
  return {
    source: counted.source ?? (await snapshotSource(db, counted.moments)),
    table: Prisma.raw('"StatusSnapshot"'),
  };
}

/**
 * Where the live tally is read (decision 021): the read replica when `db` is the replica and its
 * tally is today's with no pending recount; otherwise the tally is brought up to date on the
 * primary (a recount writes, which a replica cannot) and read there.
 */
async function liveTallySource(db: PrismaClient, now = new Date()): Promise<PrismaClient> {
  const primary = primaryOf(db);
  if (primary !== db) {
    const [state] = await db.$queryRaw<{ ready: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "StatusLiveState" WHERE id = 1 AND day = ${vnDateOf(now)}::date)
             AND NOT EXISTS (SELECT 1 FROM "StatusLiveDirty") AS ready`;
    if (state?.ready) return db;
  }
  await refreshLiveTally(primary, now);
  return primary;
}

/**
 * queryAggregates read from pre-counted rows instead of evaluating every slot again: a past
 * moment from its snapshot, "now" from the live tally — the same numbers, since both hold the
 * counts of the rule per unit, counted-under unit, section, reform area, lead units and status.
 * The reports awaiting approval are the current state in every case (approval history is not kept
 * per moment): the live tally holds them per row; for a snapshot they are counted from the
 * submitted reports of the assignments that exist at the moment.
 */
export async function queryAggregatesCounted(
  db: PrismaClient,
  counted: Counted,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
): Promise<AggregateRow[]> {
  const { source, table } = await countedTable(db, counted, asOf);
  if (counted.from === 'live')
    return run<AggregateRow>(
      source,
      Prisma.sql`
      WITH f AS (
        SELECT s."reportUnitId" AS report_unit_id, s."sectionId" AS section_id, s."reformArea" AS reform_area, s.status,
               s.n, s.pending
        FROM ${table} s
        WHERE ${snapshotWhere(counted, scope, filter)}
      )
      ${AGGREGATES_OF_F}`,
    );
  return run<AggregateRow>(
    source,
    Prisma.sql`
    WITH RECURSIVE ${oneMoment(asOf)},
    ${LINEAGE},
    pend AS (
      SELECT coalesce(uf.target_id, a."unitId") AS report_unit_id, t."sectionId" AS section_id, t."reformArea"::text AS reform_area,
             count(*)::int AS n
      FROM moments m
      JOIN "Report" r ON r.status = 'SUBMITTED'
      JOIN "Assignment" a ON a.id = r."assignmentId"
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      LEFT JOIN unit_final uf ON uf.moment = m.moment AND uf.unit_id = a."unitId"
      JOIN "Unit" ru ON ru.id = coalesce(uf.target_id, a."unitId")
      WHERE ${existsAt} AND ${assignmentWhere(scope, filter)} AND ${kindWhere(filter)} AND ${unitWhere(filter)}
      GROUP BY 1, 2, 3
    ),
    f AS (
      SELECT s."reportUnitId" AS report_unit_id, s."sectionId" AS section_id, s."reformArea" AS reform_area, s.status,
             sum(s.n)::int AS n, 0 AS pending
      FROM ${table} s
      WHERE ${snapshotWhere(counted, scope, filter)}
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT report_unit_id, section_id, reform_area, NULL, 0, n FROM pend
    )
    ${AGGREGATES_OF_F}`,
  );
}

/** The headline counts from pre-counted rows (see queryAggregatesCounted). */
async function queryStatusCountsCounted(
  db: PrismaClient,
  counted: Counted,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
): Promise<StatusCounts> {
  const { source, table } = await countedTable(db, counted, asOf);
  const rows = await run<CountRow>(
    source,
    Prisma.sql`
    SELECT ${COUNT_COLUMNS}
    FROM (SELECT s.status, s.n FROM ${table} s WHERE ${snapshotWhere(counted, scope, filter)}) f`,
  );
  return rows[0] ? countsOf(rows[0]) : emptyCounts();
}

/**
 * Heatmap cells (unit × section, or unit × reform area) for the given units — the ones the page
 * shows — or for every unit (the Word report). Reads only those units' assignments (and those of
 * units merged into them) through the index on Assignment.unitId.
 */
export async function queryHeat(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  heat: 'section' | 'area',
  units: number[] | 'all',
  live = false,
): Promise<HeatRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  const column =
    heat === 'section'
      ? Prisma.sql`f.section_id, NULL::text AS reform_area`
      : Prisma.sql`NULL::int AS section_id, f.reform_area`;
  const group = heat === 'section' ? Prisma.sql`f.section_id` : Prisma.sql`f.reform_area`;
  const only = units === 'all' ? undefined : unitsIn(await withPredecessors(db, units));
  return run<HeatRow>(
    db,
    Prisma.sql`
    WITH RECURSIVE ${countCtes([asOf], scope, filter, { extra: only, live })}
    SELECT f.report_unit_id AS unit_id, ${column}, ${COUNT_COLUMNS}
    FROM f
    ${units === 'all' ? Prisma.empty : Prisma.sql`WHERE f.report_unit_id = ANY(${units}::int[])`}
    GROUP BY f.report_unit_id, ${group}`,
  );
}

/** queryHeat from pre-counted rows (see queryAggregatesCounted). */
export async function queryHeatCounted(
  db: PrismaClient,
  counted: Counted,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  heat: 'section' | 'area',
  units: number[] | 'all',
): Promise<HeatRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  const { source, table } = await countedTable(db, counted, asOf);
  const column =
    heat === 'section'
      ? Prisma.sql`f.section_id, NULL::text AS reform_area`
      : Prisma.sql`NULL::int AS section_id, f.reform_area`;
  const group = heat === 'section' ? Prisma.sql`f.section_id` : Prisma.sql`f.reform_area`;
  const only = units === 'all' ? Prisma.empty : Prisma.sql`AND s."reportUnitId" = ANY(${units}::int[])`;
  return run<HeatRow>(
    source,
    Prisma.sql`
    SELECT f.report_unit_id AS unit_id, ${column}, ${COUNT_COLUMNS}
    FROM (
      SELECT s."reportUnitId" AS report_unit_id, s."sectionId" AS section_id, s."reformArea" AS reform_area, s.status, s.n
      FROM ${table} s
      WHERE ${snapshotWhere(counted, scope, filter)} ${only}
    ) f
    GROUP BY f.report_unit_id, ${group}`,
  );
}

/** A moment as the UTC wall-clock text that timestamp columns hold. */
const utcText = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Makes sure StatusSnapshot holds the counts of each of these past moments (decision 008): the
 * missing ones are computed with the rule "as it stood" (slotsAtCte), grouped by the unit given the
 * work, the unit it counts under, section, reform area, the task's lead units and status, and
 * written with their StatusSnapshotMoment row — one statement per cut-off, so a snapshot is whole
 * or absent. Another instance computing the same moment at the same time makes this one skip it (the
 * moment row is claimed first), and a write that rewrites the past waits for a running fill and
 * then forgets it (the triggers of migration …_statistics_read_model take the exclusive lock).
 */
export async function ensureSnapshots(db: PrismaClient, moments: readonly Date[]): Promise<void> {
  if (moments.length === 0) return;
  const have = await db.$queryRaw<{ moment: Date }[]>`
    SELECT moment FROM "StatusSnapshotMoment" WHERE moment = ANY(${moments.map(utcText)}::timestamp[])`;
  const known = new Set(have.map((h) => h.moment.getTime()));
  const missing = [...moments].filter((m) => !known.has(m.getTime())).sort((x, y) => x.getTime() - y.getTime());
  // One cut-off per statement: at national scale each is a full evaluation of every slot (tens of
  // seconds on a busy 2-core machine), so the fill gets its own time limit, not the requests' one.
  for (const moment of missing) {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${SNAPSHOT_LOCK}::bigint)`;
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${SNAPSHOT_FILL_TIMEOUT}'`);
        // Claimed by another instance (committed, or waiting on this row until it commits): skip it.
        const claimed = await tx.$executeRaw`
        INSERT INTO "StatusSnapshotMoment" (moment) VALUES (${utcText(moment)}::timestamp) ON CONFLICT (moment) DO NOTHING`;
        if (claimed === 0) return;
        await tx.$executeRaw`
        WITH RECURSIVE ${slotsAtCte([moment])},
        ${LINEAGE},
        leads AS (
          SELECT l."taskId" AS task_id, array_agg(DISTINCT l."unitId" ORDER BY l."unitId") AS ids
          FROM "Assignment" l WHERE l.role = 'LEAD' GROUP BY l."taskId"
        )
        INSERT INTO "StatusSnapshot" (moment, "unitId", "reportUnitId", "sectionId", "reformArea", "leadUnitIds", status, n)
        SELECT s.as_of_utc, s.unit_id, coalesce(uf.target_id, s.unit_id), s.section_id, s.reform_area, coalesce(ld.ids, '{}'), s.status, count(*)::int
        FROM slots s
        LEFT JOIN unit_final uf ON uf.moment = s.moment AND uf.unit_id = s.unit_id
        LEFT JOIN leads ld ON ld.task_id = s.task_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7`;
        await tx.$executeRaw`
        INSERT INTO "StatusSnapshotTotal" (moment, "sectionId", "reformArea", "leadUnitIds", "reportUnitKind", status, n)
        SELECT s.moment, s."sectionId", s."reformArea", s."leadUnitIds", ru.kind::text, s.status, sum(s.n)::int
        FROM "StatusSnapshot" s JOIN "Unit" ru ON ru.id = s."reportUnitId"
        WHERE s.moment = ${utcText(moment)}::timestamp
        GROUP BY 1, 2, 3, 4, 5, 6`;
      },
      { maxWait: 60_000, timeout: 1_800_000 },
    );
  }
}

/**
 * Where the snapshots of these moments are read: `db` itself when it is the primary (after filling
 * what is missing), or when it is the read replica and already holds them all; otherwise they are
 * filled on the primary — a replica is read-only — and read there, since the replica may not have
 * received them yet (decision 021).
 */
async function snapshotSource(db: PrismaClient, moments: readonly Date[]): Promise<PrismaClient> {
  const primary = primaryOf(db);
  if (primary !== db && moments.length > 0) {
    const [{ n }] = (await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "StatusSnapshotMoment" WHERE moment = ANY(${moments.map(utcText)}::timestamp[])`) as [
      { n: number },
    ];
    if (n === new Set(moments.map((m) => m.getTime())).size) return db;
  }
  await ensureSnapshots(primary, moments);
  return primary;
}

/** Forgets every snapshot (the rebuild command, tests, the benchmark); writes that rewrite the past do it by trigger. */
export async function forgetSnapshots(db: Pick<PrismaClient, '$executeRaw'>): Promise<void> {
  await db.$executeRaw`DELETE FROM "StatusSnapshotMoment"`;
  await db.$executeRaw`DELETE FROM "StatusSnapshot"`;
  await db.$executeRaw`DELETE FROM "StatusSnapshotTotal"`;
}

const SNAPSHOT_FILL_TIMEOUT = '30min';

/**
 * A system job's step (lib/jobs/registry.ts): writes the snapshots of the trend's past cut-offs
 * as they pass, so that no chairman waits for them. Returns how many cut-offs it looked at.
 */
export async function fillTrendSnapshots(db: PrismaClient, now: Date): Promise<number> {
  const past = trendPlan(now).moments.filter((m) => m.getTime() < now.getTime());
  await ensureSnapshots(db, past);
  return past.length;
}

/** The key of the advisory lock between snapshot fills (shared) and the writes that forget them (exclusive). */
export const SNAPSHOT_LOCK = 7_600_762_008;

/**
 * Status counts per moment, for the trend; `moments` in ascending order. Moments in the past come
 * from StatusSnapshot (filled on first use: ensureSnapshots), filtered by scope and filters there;
 * the moment "now" (live, on the real clock) is the headline itself.
 */
export async function queryTrend(
  db: PrismaClient,
  moments: readonly Date[],
  scope: DashboardScope,
  filter: SlotFilter,
  live = false,
): Promise<(CountRow & { moment: number })[]> {
  const rows = moments.map((_, moment) => ({
    moment,
    done_on_time: 0,
    done_late: 0,
    on_time: 0,
    overdue: 0,
    not_started: 0,
  }));
  const last = moments.length - 1;
  const past = live ? moments.slice(0, -1) : moments;
  if (live && last >= 0)
    Object.assign(rows[last]!, countRowOf(await queryStatusCounts(db, moments[last]!, scope, filter, true)));
  if (past.length === 0) return rows;
  const source = await snapshotSource(db, past);
  const counted = await run<{ at: Date; status: OfficialStatus; n: number }>(
    source,
    trendCountsSql(past, scope, filter),
  );
  const COLUMN: Record<OfficialStatus, keyof CountRow> = {
    DONE_ON_TIME: 'done_on_time',
    DONE_LATE: 'done_late',
    IN_PROGRESS_ON_TIME: 'on_time',
    IN_PROGRESS_OVERDUE: 'overdue',
    NOT_STARTED: 'not_started',
  };
  const index = new Map(past.map((m, i) => [m.getTime(), i]));
  for (const r of counted) {
    const i = index.get(r.at.getTime());
    if (i !== undefined) rows[i]![COLUMN[r.status]] += r.n;
  }
  return rows;
}

/**
 * The trend's counts of past moments: from StatusSnapshotTotal (a few hundred rows per cut-off)
 * when the scope and filters do not name a unit — the city, the tasks a department leads — and
 * from StatusSnapshot (one row per unit and task, read through its (moment, unit) indexes)
 * otherwise. A department head who also sees his own unit's work gets both: the led (and unled)
 * tasks from the totals, plus his unit's other assignments from the details.
 */
function trendCountsSql(past: readonly Date[], scope: DashboardScope, filter: SlotFilter): Prisma.Sql {
  const details = (where: Prisma.Sql) => Prisma.sql`
    SELECT s.moment AS at, s.status, sum(s.n)::int AS n FROM "StatusSnapshot" s WHERE ${where} GROUP BY s.moment, s.status`;
  const counted: Counted = { from: 'snapshot', moments: past };
  if (filter.unit !== undefined || scope.kind === 'UNIT') return details(snapshotWhere(counted, scope, filter));
  const totals = (led: Prisma.Sql | undefined) => {
    const parts = [snapshotFilterWhere(counted, filter, 'totals')];
    if (led) parts.push(led);
    return Prisma.sql`
    SELECT s.moment AS at, s.status, sum(s.n)::int AS n FROM "StatusSnapshotTotal" s
    WHERE ${Prisma.join(parts, ' AND ')} GROUP BY s.moment, s.status`;
  };
  if (scope.kind === 'CITY') return totals(undefined);
  const led = ledWhere(scope.unitId, scope.includeUnled);
  if (!scope.includeOwn) return totals(led);
  // Own assignments of tasks the department neither leads nor (if counted) are unled.
  const own = Prisma.sql`s."unitId" = ${scope.unitId} AND NOT ${led}`;
  return Prisma.sql`
    SELECT at, status, sum(n)::int AS n FROM (
      ${totals(led)}
      UNION ALL
      ${details(Prisma.sql`${snapshotFilterWhere(counted, filter, 'details')} AND ${own}`)}
    ) both_parts GROUP BY at, status`;
}

/** The tasks a unit leads (and, for the standing office, the unled ones), on snapshot rows s. */
function ledWhere(unitId: number, includeUnled: boolean): Prisma.Sql {
  const alternatives = [Prisma.sql`${unitId}::int = ANY(s."leadUnitIds")`];
  if (includeUnled) alternatives.push(Prisma.sql`cardinality(s."leadUnitIds") = 0`);
  return Prisma.sql`(${Prisma.join(alternatives, ' OR ')})`;
}

/**
 * The snapshot rows (alias s) of these moments in a scope and filters: the same selection as
 * assignmentWhere and the unit-kind and unit filters make on the slots, on the snapshot's columns.
 */
function snapshotWhere(counted: Counted, scope: DashboardScope, filter: SlotFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [snapshotFilterWhere(counted, filter, 'details')];
  if (scope.kind === 'UNIT') parts.push(Prisma.sql`s."unitId" = ${scope.unitId}`);
  if (scope.kind === 'LED') {
    const led = ledWhere(scope.unitId, scope.includeUnled);
    parts.push(scope.includeOwn ? Prisma.sql`(${led} OR s."unitId" = ${scope.unitId})` : led);
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * The moments and the task and unit filters on snapshot rows s: StatusSnapshot ('details') or
 * StatusSnapshotTotal ('totals', which has no unit but the kind of the unit counted under).
 */
function snapshotFilterWhere(counted: Counted, filter: SlotFilter, table: 'details' | 'totals'): Prisma.Sql {
  if (filter.status !== undefined) throw new RangeError('snapshots hold counts, not a status filter');
  if (counted.from === 'live' && table === 'totals') throw new RangeError('the live tally has no totals');
  const parts: Prisma.Sql[] =
    counted.from === 'snapshot'
      ? [Prisma.sql`s.moment = ANY(${counted.moments.map(utcText)}::timestamp[])`]
      : [Prisma.sql`TRUE`];
  if (filter.programme !== undefined)
    parts.push(Prisma.sql`s."sectionId" IN (SELECT id FROM "Section" WHERE "programmeId" = ${filter.programme})`);
  if (filter.section !== undefined) parts.push(Prisma.sql`s."sectionId" = ${filter.section}`);
  if (filter.area === 'NONE') parts.push(Prisma.sql`s."reformArea" IS NULL`);
  else if (filter.area !== undefined) parts.push(Prisma.sql`s."reformArea" = ${filter.area}`);
  if (filter.lead !== undefined) parts.push(Prisma.sql`${filter.lead}::int = ANY(s."leadUnitIds")`);
  if (table === 'totals') {
    if (filter.unit !== undefined) throw new RangeError('the totals have no unit');
    if (filter.kind) parts.push(Prisma.sql`s."reportUnitKind" IN (${Prisma.join(KIND_SETS[filter.kind])})`);
    return Prisma.join(parts, ' AND ');
  }
  if (filter.unit !== undefined) parts.push(Prisma.sql`s."reportUnitId" = ${filter.unit}`);
  if (filter.kind)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Unit" ru WHERE ru.id = s."reportUnitId" AND ${kindWhere(filter)})`);
  return Prisma.join(parts, ' AND ');
}

function countRowOf(c: StatusCounts): CountRow {
  return {
    done_on_time: c.DONE_ON_TIME,
    done_late: c.DONE_LATE,
    on_time: c.IN_PROGRESS_ON_TIME,
    overdue: c.IN_PROGRESS_OVERDUE,
    not_started: c.NOT_STARTED,
  };
}

const URGENCY = Prisma.sql`CASE f.status WHEN 'IN_PROGRESS_OVERDUE' THEN 0 WHEN 'IN_PROGRESS_ON_TIME' THEN 1 WHEN 'NOT_STARTED' THEN 2 WHEN 'DONE_LATE' THEN 3 ELSE 4 END`;

/**
 * The assignments behind a number: the page of them in `order`, each with its unit, the task's
 * lead unit and the last report known at the moment (with its reviewer). `total` is the count of
 * all matching rows. Only the page's rows are joined with reports and names.
 * order 'overdue': most overdue first; 'urgency': overdue, in progress, not started, done late, done.
 */
export async function queryAssignments(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  {
    order,
    limit,
    offset,
    live = false,
  }: { order: 'overdue' | 'urgency'; limit: number; offset: number; live?: boolean },
): Promise<AssignmentRow[]> {
  return run<AssignmentRow>(db, await assignmentsSql(db, asOf, scope, filter, { order, limit, offset, live }));
}

/** The SQL of queryAssignments (exported for EXPLAIN in the benchmark). */
export async function assignmentsSql(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  {
    order,
    limit,
    offset,
    live = false,
  }: { order: 'overdue' | 'urgency'; limit: number; offset: number; live?: boolean },
): Promise<Prisma.Sql> {
  const orderBy =
    order === 'overdue'
      ? Prisma.sql`f.due ASC NULLS LAST, f.report_unit_name, f.section_id, f.task_id, f.assignment_id`
      : Prisma.sql`${URGENCY}, f.due ASC NULLS LAST, f.report_unit_name, f.section_id, f.task_id, f.assignment_id`;
  // Narrow the scan where the answer allows it; the rule itself still decides every row.
  const extra: Prisma.Sql[] = [];
  if (filter.unit !== undefined) extra.push(unitsIn(await withPredecessors(db, [filter.unit])));
  return Prisma.sql`
    WITH RECURSIVE ${slotCtes([asOf], scope, filter, extra.length ? Prisma.join(extra, ' AND ') : undefined, live)},
    page AS (
      SELECT f.*, (count(*) OVER ())::int AS total, row_number() OVER (ORDER BY ${orderBy}) AS position
      FROM f
      ORDER BY ${orderBy}
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT x.assignment_id, x.total, x.status, x.due, x.completed,
           CASE WHEN x.status = 'IN_PROGRESS_OVERDUE' THEN x.as_of_day - x.due
                WHEN x.status = 'DONE_LATE' THEN (x.completed + interval '7 hours')::date - x.due END AS days_overdue,
           ${missedPeriodsSql('x')} AS missed_periods,
           x.report_unit_id, x.report_unit_name, ou.name AS own_unit_name, a.role::text AS role,
           t.number AS task_number, t.title AS task_title, t.recurrence::text AS recurrence,
           sec.numeral AS section_numeral, pr.title AS programme_title,
           pr."documentNumber" AS programme_document_number,
           lu.id AS lead_unit_id, lu.name AS lead_unit_name,
           lr.id AS report_id, lr."periodKey" AS report_period_key, lr.status::text AS report_status,
           lr."submittedAt" AS report_submitted_at, lr."reviewedAt" AS report_reviewed_at, lr.reviewer_name
    FROM page x
    JOIN "Assignment" a ON a.id = x.assignment_id
    JOIN "Unit" ou ON ou.id = a."unitId"
    JOIN "Task" t ON t.id = x.task_id
    JOIN "Section" sec ON sec.id = t."sectionId"
    JOIN "Programme" pr ON pr.id = t."programmeId"
    LEFT JOIN LATERAL (
      SELECT l."unitId" FROM "Assignment" l WHERE l."taskId" = x.task_id AND l.role = 'LEAD' ORDER BY l.id LIMIT 1
    ) ld ON true
    LEFT JOIN "Unit" lu ON lu.id = ld."unitId"
    LEFT JOIN LATERAL (
      SELECT r.id, r."periodKey", r.status, r."submittedAt", r."reviewedAt", rv."displayName" AS reviewer_name
      FROM "Report" r LEFT JOIN "User" rv ON rv.id = r."reviewedById"
      WHERE r."assignmentId" = x.assignment_id AND r."createdAt" <= x.as_of_utc
      ORDER BY r."updatedAt" DESC, r.id DESC
      LIMIT 1
    ) lr ON true
    ORDER BY x.position`;
}

/**
 * How a statistic is read: `live` — now on the real clock, counts from the live tally
 * (lib/data/status-live.ts) and lists from the read model; `as-of` — the rule "as it stood"
 * evaluated on every slot (a pinned now, in tests); `snapshot` — a past moment, from its snapshot
 * (the same numbers; see queryAggregatesCounted).
 */
export type StatRead = 'live' | 'as-of' | 'snapshot';

/** Pre-counted rows a read can use (the live tally now, a snapshot for a past moment), checked once. */
async function countedFor(db: PrismaClient, filter: SlotFilter, read: StatRead, asOf: Date) {
  // Pre-counted rows hold counts, not single slots: a status filter is evaluated.
  const wanted: Counted | undefined =
    filter.status !== undefined
      ? undefined
      : read === 'snapshot'
        ? { from: 'snapshot', moments: [asOf] }
        : read === 'live'
          ? { from: 'live' }
          : undefined;
  return wanted && (await readyCounted(db, wanted, asOf));
}

/**
 * What getDashboard returns except who is asking: the aggregates, then the heatmap of the first
 * `heatUnits` units in the chosen order (HEAT_ROWS unless said). Shared by lib/data/dashboard.ts and
 * the benchmark.
 */
export async function computeDashboard(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  view: { sort: 'rate' | 'overdue'; heat: 'section' | 'area'; heatUnits?: number },
  read: StatRead = 'as-of',
): Promise<
  Pick<
    Dashboard,
    'headline' | 'taskCount' | 'pending' | 'units' | 'sections' | 'areas' | 'heat' | 'completionRate' | 'onTimeRate'
  >
> {
  const live = read === 'live';
  // Checked once for the aggregates and the heatmap below.
  const counted = await countedFor(db, filter, read, asOf);
  const [aggregates, taskCount] = await Promise.all([
    counted ? queryAggregatesCounted(db, counted, asOf, scope, filter) : queryAggregates(db, asOf, scope, filter, live),
    queryTaskCount(db, asOf, scope, filter, live),
  ]);
  const shaped = shapeAggregates(aggregates, view);
  return {
    ...shaped,
    taskCount,
    heat: await heatWindow(db, asOf, scope, filter, shaped, { ...view, heatFrom: 0 }, read, counted),
    ...ratesOf(shaped.headline),
  };
}

/**
 * The heatmap of `heatUnits` units of a computed dashboard (`shaped`, in its order) from the
 * `heatFrom`-th, counted from 0: the whole heatmap's pages (decision 031) query only their own units
 * and never recompute the aggregates.
 */
export async function computeHeatWindow(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  shaped: Pick<Dashboard, 'units' | 'sections' | 'areas'>,
  view: { heat: 'section' | 'area'; heatUnits: number; heatFrom: number },
  read: StatRead = 'as-of',
): Promise<Heatmap> {
  return heatWindow(db, asOf, scope, filter, shaped, view, read, await countedFor(db, filter, read, asOf));
}

async function heatWindow(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  shaped: Pick<Dashboard, 'units' | 'sections' | 'areas'>,
  view: { heat: 'section' | 'area'; heatUnits?: number; heatFrom: number },
  read: StatRead,
  counted: Counted | undefined,
): Promise<Heatmap> {
  const shown = shaped.units.slice(view.heatFrom, view.heatFrom + (view.heatUnits ?? HEAT_ROWS));
  const all = shown.length === shaped.units.length && shown.length > 500;
  const units = all ? 'all' : shown.map((u) => u.unitId);
  const heatRows = counted
    ? await queryHeatCounted(db, counted, asOf, scope, filter, view.heat, units)
    : await queryHeat(db, asOf, scope, filter, view.heat, units, read === 'live');
  return shapeHeat(heatRows, view.heat, shaped, shown, shaped.units.length);
}
