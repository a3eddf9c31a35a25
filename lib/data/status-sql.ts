import 'server-only';
import { Prisma } from '../db';
import type { Recurrence } from '../domain/periods';
import { RECURRING, currentPeriod } from '../domain/slot';
import { vnDateOf } from '../domain/time';

/**
 * Periods as numbers, so that "every period since the assignment was made" is arithmetic: a
 * period's ordinal is year × (periods per year) + (its index in the year − 1); `months` is the
 * length of the recurrence's period (1, 3, 6 or 12). The rule lives in SQL functions (migration
 * …_statistics_read_model), shared with the triggers that keep Assignment."firstGap"; these
 * helpers call them. `periodOrdinal` is the same rule for the keys computed here.
 */
const MONTHS: Record<Exclude<Recurrence, 'ONCE' | 'CONTINUOUS'>, number> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  HALF_YEARLY: 6,
  YEARLY: 12,
};

function periodOrdinal(key: string, months: number): number {
  const year = Number(key.slice(0, 4));
  const index = months === 12 ? 1 : Number(key.slice(months === 1 ? 5 : 6));
  return year * (12 / months) + index - 1;
}

/** Ordinal of a period key of the given length in months; NULL for a key of another recurrence. */
export function keyOrdinalSql(key: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`period_ordinal_of_key(${key}, ${months})`;
}

/** Ordinal of the period whose window contains the day `day` (from the 15th, the next month's). */
export function dayOrdinalSql(day: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`period_ordinal_of_day(${day}, ${months})`;
}

/** The last day of the window of the period with this ordinal: the 14th of its last month. */
function ordinalEndSql(ordinal: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`period_ordinal_end(${ordinal}, ${months})`;
}

/**
 * The official status rule of lib/domain/status.ts over the slots of lib/domain/slot.ts, in SQL,
 * "as it stood" at one or more moments (`asOf`): for the dashboard, its period filter, the trend,
 * the home headlines and the deadline reminders (at `now`). Yields
 *   slots(moment, as_of_utc, as_of_day, assignment_id, task_id, unit_id, role, programme_id, section_id,
 *         reform_area, recurrence, due, completed, started, owed_first, owed_upto, period_months, status)
 * with `moment` the index of the moment in `moments`, `as_of_day` its Vietnamese calendar day,
 * `completed` a UTC timestamp, and for recurring tasks the ordinals of the periods owed,
 * [owed_first, owed_upto), of length period_months (missedPeriodsSql counts those without a
 * completed report; the slot's `due` is the deadline of the oldest). With `live`, the one moment is
 * the real now and the oldest missed period comes from the read model (Assignment."firstGap", kept
 * by triggers) instead of the reports — the same answer, without reading them. What is not yet known at `as_of`:
 *   - the period slot of a recurring task is the one containing the Vietnamese day of `as_of`, and
 *     its earlier periods are owed as they stood then;
 *   - a completion, a start or a report recorded after `as_of` is not known yet;
 *   - an extension approved after `as_of` is undone: the deadline is the one it replaced;
 *   - an assignment counts from the start of its programme's implementation period
 *     (Programme.periodStart) or from its creation, whichever is earlier — data entry often
 *     happens after a directive took effect, so creation time alone would drop real history.
 * tests/integration/status-sql.test.ts compares it with the pure rule (lib/domain/slot.ts) on every slot.
 *
 * Written for a national dataset (every dashboard request evaluates every slot in scope):
 *   - comparisons are between plain values computed once per moment: the UTC wall-clock of
 *     `as_of` (Prisma stores UTC `timestamp`s) and its Vietnamese day. "Overdue" is
 *     `due < as_of_day` (as_of ≥ the first instant of the day after the deadline); "on time" is
 *     `completed < (due + 1) - 7 hours` — Vietnam has been UTC+7 without daylight saving since
 *     1975 (lib/domain/time.ts relies on the same fact), so no per-row time-zone lookup is needed
 *     and the result does not depend on the session's TimeZone;
 *   - only the reports of the periods in play are read (their keys are constants, so the
 *     (periodKey, assignmentId) index serves them);
 *   - `where` filters assignments (aliases: a = Assignment, t = Task, p = Programme) before
 *     anything is joined, so filters prune the scan instead of filtering the finished slots.
 */
export function slotsAtCte(
  moments: readonly Date[],
  options: { where?: Prisma.Sql; reports?: 'join' | 'lookup'; live?: boolean } = {},
): Prisma.Sql {
  if (moments.length === 0) throw new RangeError('slotsAtCte needs at least one moment');
  if (options.live && moments.length !== 1) throw new RangeError('slotsAtCte: live means the one moment "now"');
  const momentRows = moments.map(
    (asOf, i) =>
      Prisma.sql`(${i}::int, ${asOf.toISOString().replace('T', ' ').replace('Z', '')}::timestamp, ${vnDateOf(asOf)}::date)`,
  );
  const curRows = moments.flatMap((asOf, i) => {
    const today = vnDateOf(asOf);
    return RECURRING.map((r) => {
      const p = currentPeriod(r, today)!;
      const months = MONTHS[r as keyof typeof MONTHS];
      return Prisma.sql`(${i}::int, ${r}, ${p.key}, ${p.end}::date, ${periodOrdinal(p.key, months)}::int, ${months}::int)`;
    });
  });
  const keys = [...new Set(moments.flatMap((asOf) => RECURRING.map((r) => currentPeriod(r, vnDateOf(asOf))!.key)))];
  const where = options.where ? Prisma.sql`AND ${options.where}` : Prisma.empty;
  // The moments are written out as VALUES where they are used, not read from the `moments` CTE
  // (kept for callers): a CTE read twice is materialised, and a scan of it would keep PostgreSQL
  // from splitting the scan of the assignments across CPU cores.
  const momentValues = Prisma.sql`(VALUES ${Prisma.join(momentRows)})`;
  // For a few assignments (the trend's exact path), one index probe per slot beats reading a year of reports.
  const report =
    options.reports === 'lookup'
      ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT r.id, r."completedAt" FROM "Report" r
          WHERE r."assignmentId" = a.id AND r."periodKey" = cur.key AND r."createdAt" <= m.as_of_utc
        ) r ON true`
      : Prisma.sql`LEFT JOIN "Report" r ON r."assignmentId" = a.id AND r."periodKey" = cur.key AND r."periodKey" IN (${Prisma.join(keys)})
                           AND r."createdAt" <= m.as_of_utc`;
  // Recurring: the oldest period owed without a report completed by the moment (decision 008).
  const owedPeriods = Prisma.sql`
          SELECT ${dayOrdinalSql(Prisma.sql`(a."createdAt" + interval '7 hours')::date`, Prisma.sql`cur.months`)} AS first,
                 -- A unit that ceased on D owes only the periods closed before D (decision 006).
                 least(cur.ord, CASE WHEN ou."validTo" <= m.as_of_day THEN ${dayOrdinalSql(Prisma.sql`ou."validTo"`, Prisma.sql`cur.months`)} END) AS upto
          WHERE cur.key IS NOT NULL`;
  const owed = options.live
    ? // Now, on the real clock: the read model Assignment."firstGap", kept by triggers on every write.
      Prisma.sql`LEFT JOIN LATERAL (SELECT a."firstGap" AS first_missed, st.first, st.upto FROM (${owedPeriods}) st) owed ON true`
    : // As it stood at any moment: from the reports known then. The periods with a completed report
      // form a run from the first one owed, and the first gap ends it: a report of ordinal o at rank
      // k (0-based) continues the run exactly when o - k is that first ordinal.
      Prisma.sql`LEFT JOIN LATERAL (
        SELECT st.first + count(*) FILTER (WHERE q.o - q.k = st.first)::int AS first_missed, st.first, st.upto
        FROM (${owedPeriods}) st
        LEFT JOIN LATERAL (
          SELECT z.o, row_number() OVER (ORDER BY z.o) - 1 AS k
          FROM (
            SELECT ${keyOrdinalSql(Prisma.sql`d."periodKey"`, Prisma.sql`cur.months`)} AS o
            FROM "Report" d
            WHERE d."assignmentId" = a.id AND d."completedAt" <= m.as_of_utc
          ) z
          WHERE z.o >= st.first AND z.o < st.upto
        ) q ON true
        GROUP BY st.first, st.upto
      ) owed ON true`;
  return Prisma.sql`
    moments(moment, as_of_utc, as_of_day) AS ${momentValues},
    ext_undo AS (
      -- The first extension approved after the moment remembers the deadline in force at it.
      SELECT DISTINCT ON (m.moment, e."assignmentId") m.moment, e."assignmentId" AS assignment_id, e."previousDueDate" AS due
      FROM "DeadlineExtension" e
      JOIN ${momentValues} AS m(moment, as_of_utc, as_of_day) ON e."decidedAt" > m.as_of_utc
      WHERE e.status = 'APPROVED'
      ORDER BY m.moment, e."assignmentId", e."decidedAt", e.id
    ),
    raw_slots_at AS (
      SELECT m.moment, m.as_of_utc, m.as_of_day, a.id AS assignment_id, a."taskId" AS task_id, a."unitId" AS unit_id, a.role::text AS role,
             t."programmeId" AS programme_id, t."sectionId" AS section_id, t."reformArea"::text AS reform_area,
             t.recurrence::text AS recurrence,
             CASE WHEN cur.key IS NOT NULL THEN CASE WHEN owed.first_missed < owed.upto THEN ${ordinalEndSql(Prisma.sql`owed.first_missed`, Prisma.sql`cur.months`)} ELSE cur.end_date END
                  WHEN x.assignment_id IS NOT NULL THEN x.due
                  ELSE a."dueDate" END AS due,
             CASE WHEN cur.key IS NULL
                  THEN CASE WHEN a."completedAt" <= m.as_of_utc THEN a."completedAt" END
                  WHEN owed.first_missed < owed.upto THEN NULL
                  ELSE CASE WHEN r."completedAt" <= m.as_of_utc THEN r."completedAt" END
             END AS completed,
             CASE WHEN cur.key IS NULL THEN coalesce(a."startedAt" <= m.as_of_utc, false)
                  ELSE r.id IS NOT NULL OR owed.first_missed < owed.upto END AS started,
             owed.first AS owed_first, owed.upto AS owed_upto, cur.months AS period_months
      FROM ${momentValues} AS m(moment, as_of_utc, as_of_day)
      CROSS JOIN "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      JOIN "Unit" ou ON ou.id = a."unitId"
      LEFT JOIN (VALUES ${Prisma.join(curRows)}) AS cur(moment, recurrence, key, end_date, ord, months) ON cur.moment = m.moment AND cur.recurrence = t.recurrence::text
      ${report}
      LEFT JOIN ext_undo x ON x.moment = m.moment AND x.assignment_id = a.id
      -- Recurring: the oldest period owed without a report completed by the moment (decision 008).
      -- The first period owed is the one containing the day the assignment was made; the periods
      -- with a completed report form a run from there, and the first gap ends it: a report of
      -- ordinal o at rank k (0-based) continues the run exactly when o - k is that first ordinal.
${owed}
      WHERE (p."periodStart" <= m.as_of_day OR a."createdAt" <= m.as_of_utc)
        ${where}
    ),
    slots AS (
      SELECT s.*,
        CASE
          WHEN s.completed IS NOT NULL AND (s.due IS NULL OR s.completed < (s.due + 1)::timestamp - interval '7 hours') THEN 'DONE_ON_TIME'
          WHEN s.completed IS NOT NULL THEN 'DONE_LATE'
          WHEN s.due < s.as_of_day THEN 'IN_PROGRESS_OVERDUE'
          WHEN s.started THEN 'IN_PROGRESS_ON_TIME'
          ELSE 'NOT_STARTED'
        END AS status
      FROM raw_slots_at s
    )`;
}

/**
 * How many periods a recurring slot of `slots` (alias `x`) owes without a completed report at its
 * moment; 0 for other slots. For the few rows a page shows, not for aggregates.
 */
export function missedPeriodsSql(x: string): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`${x}.${name}`);
  return Prisma.sql`CASE WHEN ${col('owed_first')} IS NULL THEN 0 ELSE greatest(${col('owed_upto')} - ${col('owed_first')} - (
      SELECT count(*)::int FROM "Report" d
      WHERE d."assignmentId" = ${col('assignment_id')} AND d."completedAt" <= ${col('as_of_utc')}
        AND ${keyOrdinalSql(Prisma.sql`d."periodKey"`, col('period_months'))} >= ${col('owed_first')}
        AND ${keyOrdinalSql(Prisma.sql`d."periodKey"`, col('period_months'))} < ${col('owed_upto')}), 0) END`;
}

/**
 * Where a unit's work is counted at each moment (`unit_final`(moment, unit_id, target_id)): a unit
 * that was merged (or renamed) into exactly one successor on or before the moment reports under
 * that successor, following chains (A → B → C); a split unit keeps its own row. Goes after the
 * `moments` CTE of slotsAtCte, in a `WITH RECURSIVE`.
 */
export const LINEAGE = Prisma.sql`
    unit_hops AS (
      SELECT m.moment, l."predecessorId" AS from_id, min(l."successorId") AS to_id
      FROM "UnitLineage" l
      JOIN moments m ON l."effectiveDate" <= m.as_of_day
      WHERE l.kind IN ('MERGE', 'RENAME')
      GROUP BY m.moment, l."predecessorId"
      HAVING count(*) = 1
    ),
    unit_chain(moment, unit_id, target_id, depth) AS (
      SELECT moment, from_id, to_id, 1 FROM unit_hops
      UNION ALL
      SELECT c.moment, c.unit_id, h.to_id, c.depth + 1
      FROM unit_chain c JOIN unit_hops h ON h.moment = c.moment AND h.from_id = c.target_id
      WHERE c.depth < 16
    ),
    unit_final AS (
      SELECT DISTINCT ON (moment, unit_id) moment, unit_id, target_id FROM unit_chain ORDER BY moment, unit_id, depth DESC
    )`;
