import 'server-only';
import { Prisma } from '../db';
import type { Recurrence } from '../domain/periods';
import { RECURRING, currentPeriod } from '../domain/slot';
import { vnDateOf } from '../domain/time';

/**
 * Periods as numbers, so that "every period since the assignment was made" is arithmetic.
 * A period's ordinal is year × (periods per year) + (its index in the year − 1); `months` is the
 * length of the recurrence's period (1, 3, 6 or 12). Keys 'YYYY-MM', 'YYYY-Qn', 'YYYY-Hn' and
 * 'YYYY' (lib/domain/periods.ts) map to the same ordinals.
 */
const MONTHS: Record<Exclude<Recurrence, 'ONCE' | 'CONTINUOUS'>, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

/** The same ordinal in TypeScript, for the period keys computed here. */
function periodOrdinal(key: string, months: number): number {
  const year = Number(key.slice(0, 4));
  const index = months === 12 ? 1 : Number(key.slice(months === 1 ? 5 : 6));
  return year * (12 / months) + index - 1;
}

/** Ordinal of a period key of the given length in months; NULL for a key of another recurrence. */
export function keyOrdinalSql(key: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
      WHEN ${months} = 1 AND ${key} ~ '^[0-9]{4}-[0-9]{2}$' THEN left(${key}, 4)::int * 12 + substr(${key}, 6, 2)::int - 1
      WHEN ${months} = 3 AND ${key} ~ '^[0-9]{4}-Q[1-4]$' THEN left(${key}, 4)::int * 4 + substr(${key}, 7, 1)::int - 1
      WHEN ${months} = 6 AND ${key} ~ '^[0-9]{4}-H[12]$' THEN left(${key}, 4)::int * 2 + substr(${key}, 7, 1)::int - 1
      WHEN ${months} = 12 AND ${key} ~ '^[0-9]{4}$' THEN ${key}::int
    END`;
}

/** Ordinal of the period whose window contains the day `day` (from the 15th, the next month's). */
export function dayOrdinalSql(day: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  const shifted = Prisma.sql`(date_trunc('month', ${day}) + CASE WHEN extract(day FROM ${day}) >= 15 THEN interval '1 month' ELSE interval '0' END)`;
  return Prisma.sql`(extract(year FROM ${shifted})::int * (12 / ${months}) + (extract(month FROM ${shifted})::int - 1) / ${months})`;
}

/** The last day of the window of the period with this ordinal: the 14th of its last month. */
function ordinalEndSql(ordinal: Prisma.Sql, months: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`make_date(${ordinal} / (12 / ${months}), (${ordinal} % (12 / ${months}) + 1) * ${months}, 14)`;
}

/**
 * The official status rule of lib/domain/status.ts over the slots of lib/domain/slot.ts, in SQL,
 * "as it stood" at one or more moments (`asOf`): for the dashboard, its period filter, the trend,
 * the home headlines and the deadline reminders (at `now`). Yields
 *   slots(moment, as_of_utc, as_of_day, assignment_id, task_id, unit_id, programme_id, section_id,
 *         reform_area, recurrence, due, completed, started, missed_periods, status)
 * with `moment` the index of the moment in `moments`, `as_of_day` its Vietnamese calendar day,
 * `completed` a UTC timestamp and `missed_periods` (recurring tasks) the number of closed periods
 * owed without a completed report, > 0 exactly when the slot is overdue for a missed period (its
 * `due` is then the deadline of the oldest). What is not yet known at `as_of`:
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
  options: { where?: Prisma.Sql; reports?: 'join' | 'lookup' } = {},
): Prisma.Sql {
  if (moments.length === 0) throw new RangeError('slotsAtCte needs at least one moment');
  const momentRows = moments.map(
    (asOf, i) => Prisma.sql`(${i}::int, ${asOf.toISOString().replace('T', ' ').replace('Z', '')}::timestamp, ${vnDateOf(asOf)}::date)`,
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
      SELECT m.moment, m.as_of_utc, m.as_of_day, a.id AS assignment_id, a."taskId" AS task_id, a."unitId" AS unit_id,
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
             CASE WHEN cur.key IS NOT NULL THEN greatest(owed.upto - owed.first - owed.done, 0) END AS missed_periods
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
      LEFT JOIN LATERAL (
        SELECT st.first + count(*) FILTER (WHERE q.o - q.k = st.first)::int AS first_missed,
               st.first, st.upto, count(q.o)::int AS done
        FROM (
          SELECT ${dayOrdinalSql(Prisma.sql`(a."createdAt" + interval '7 hours')::date`, Prisma.sql`cur.months`)} AS first,
                 -- A unit that ceased on D owes only the periods closed before D (decision 006).
                 least(cur.ord, CASE WHEN ou."validTo" <= m.as_of_day THEN ${dayOrdinalSql(Prisma.sql`ou."validTo"`, Prisma.sql`cur.months`)} END) AS upto
          WHERE cur.key IS NOT NULL
        ) st
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
      ) owed ON true
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
 * The number of slots in each official status at each of many moments — what slotsAtCte(moments)
 * grouped by (moment, status) gives, computed without evaluating every slot at every moment, for
 * the completion trend on a national dataset (17 moments × 240,000 assignments would be four
 * million evaluations per request). A full SELECT yielding (moment, status, n); `moments` must be
 * in ascending order, `where` as for slotsAtCte.
 *
 * Why it is the same rule. Number the moments k = 0…K−1 in time order. Every fact the rule reads
 * at moment k is a comparison "X ≤ as_of_k" (a completion, a start, a report's creation, the
 * assignment's existence) or "due < day_k" (overdue), and each is false before some k and true
 * from it on. So each fact is one number: the first k at which it holds, found with width_bucket
 * over the sorted moments (K when never). Then:
 *   - a one-off or continuous assignment is its tuple (exists-from, done-from, started-from,
 *     overdue-from, on-time) — assignments with equal tuples are counted together, and the
 *     status at k is the rule's CASE written with "k ≥ …" in place of the comparisons;
 *   - recurring assignments (whose missed periods open and close over time, decision 008) and
 *     assignments with an approved extension (whose deadline changes over time) go through
 *     slotsAtCte itself.
 * Cost: one pass over the one-off assignments whatever K is, plus K evaluations of each recurring one.
 * tests/integration/dashboard.test.ts checks it against slotsAtCte on every moment.
 */
export function slotStatusCountsSql(moments: readonly Date[], options: { where?: Prisma.Sql } = {}): Prisma.Sql {
  for (let i = 1; i < moments.length; i += 1) {
    if (moments[i - 1]!.getTime() >= moments[i]!.getTime()) throw new RangeError('slotStatusCountsSql needs moments in ascending order');
  }
  const K = moments.length;
  const utc = moments.map((m) => m.toISOString().replace('T', ' ').replace('Z', ''));
  const days = moments.map((m) => vnDateOf(m));
  const where = options.where ?? Prisma.sql`TRUE`;
  const exactPath = Prisma.sql`(t.recurrence NOT IN ('ONCE', 'CONTINUOUS')
    OR EXISTS (SELECT 1 FROM "DeadlineExtension" e WHERE e."assignmentId" = a.id AND e.status = 'APPROVED'))`;
  const from = (x: Prisma.Sql, th: Prisma.Sql) => Prisma.sql`CASE WHEN ${x} IS NULL THEN ${K} ELSE width_bucket(${x} - interval '1 microsecond', ${th}) END`;
  return Prisma.sql`
    WITH ${slotsAtCte(moments, { where: Prisma.sql`${where} AND ${exactPath}`, reports: 'lookup' })},
    exact AS (SELECT moment, status, count(*)::int AS n FROM slots GROUP BY moment, status),
    th AS (SELECT ${utc}::timestamp[] AS t, ${days}::date[] AS d),
    ks AS (SELECT generate_series(0, ${K - 1}) AS k),
    fast AS (
      SELECT a.id, t.recurrence::text AS recurrence, a."dueDate" AS due, a."completedAt" AS completed, a."startedAt" AS started,
             least(CASE WHEN p."periodStart" IS NOT NULL THEN width_bucket(p."periodStart" - 1, th.d) END,
                   width_bucket(a."createdAt" - interval '1 microsecond', th.t)) AS b_exists
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      CROSS JOIN th
      WHERE ${where} AND NOT ${exactPath}
    ),
    once_groups AS (
      SELECT f.b_exists, ${from(Prisma.sql`f.completed`, Prisma.sql`th.t`)} AS b_done, ${from(Prisma.sql`f.started`, Prisma.sql`th.t`)} AS b_started,
             CASE WHEN f.due IS NULL THEN ${K} ELSE width_bucket(f.due, th.d) END AS b_overdue,
             (f.due IS NULL OR f.completed < (f.due + 1)::timestamp - interval '7 hours') AS on_time,
             count(*)::int AS n
      FROM fast f CROSS JOIN th
      GROUP BY 1, 2, 3, 4, 5
    ),
    once_counts AS (
      SELECT ks.k AS moment,
             CASE WHEN ks.k >= g.b_done THEN CASE WHEN g.on_time THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
                  WHEN ks.k >= g.b_overdue THEN 'IN_PROGRESS_OVERDUE'
                  WHEN ks.k >= g.b_started THEN 'IN_PROGRESS_ON_TIME'
                  ELSE 'NOT_STARTED' END AS status,
             g.n
      FROM once_groups g JOIN ks ON ks.k >= g.b_exists
    )
    SELECT moment, status, sum(n)::int AS n FROM (
      SELECT moment, status, n FROM exact
      UNION ALL SELECT moment, status, n FROM once_counts
    ) x
    GROUP BY moment, status
    HAVING sum(n) <> 0`;
}
