import 'server-only';
import { Prisma } from '../db';
import { RECURRING, currentPeriod } from '../domain/slot';
import { vnDateOf } from '../domain/time';

/**
 * The official status rule of lib/domain/status.ts, in SQL, over the slots of lib/domain/slot.ts.
 * `slotsCte(now)` yields one row per assignment with its status for `now`:
 *   slots(assignment_id, task_id, unit_id, programme_id, section_id, due, completed, started, status)
 * tests/integration/status-sql.test.ts compares it with the pure function on every seeded slot.
 */
export function slotsCte(now: Date): Prisma.Sql {
  const today = vnDateOf(now);
  const periods = RECURRING.map((r) => {
    const p = currentPeriod(r, today)!;
    return Prisma.sql`(${r}, ${p.key}, ${p.end}::date)`;
  });
  return Prisma.sql`
    cur(recurrence, key, end_date) AS (VALUES ${Prisma.join(periods)}),
    raw_slots AS (
      SELECT a.id AS assignment_id, a."taskId" AS task_id, a."unitId" AS unit_id,
             t."programmeId" AS programme_id, t."sectionId" AS section_id,
             CASE WHEN cur.key IS NULL THEN a."dueDate" ELSE cur.end_date END AS due,
             CASE WHEN cur.key IS NULL THEN a."completedAt" ELSE r."completedAt" END AS completed,
             CASE WHEN cur.key IS NULL THEN a."startedAt" IS NOT NULL ELSE r.id IS NOT NULL END AS started
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      LEFT JOIN cur ON cur.recurrence = t.recurrence::text
      LEFT JOIN "Report" r ON r."assignmentId" = a.id AND r."periodKey" = cur.key
                           AND r."periodKey" IN (${Prisma.join(RECURRING.map((r) => currentPeriod(r, today)!.key))})
    ),
    slots AS (
      SELECT s.*,
        CASE
          WHEN s.completed IS NOT NULL AND (s.due IS NULL OR s.completed < ((s.due + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) THEN 'DONE_ON_TIME'
          WHEN s.completed IS NOT NULL THEN 'DONE_LATE'
          WHEN s.due IS NOT NULL AND ${now}::timestamptz >= ((s.due + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') THEN 'IN_PROGRESS_OVERDUE'
          WHEN s.started THEN 'IN_PROGRESS_ON_TIME'
          ELSE 'NOT_STARTED'
        END AS status
      FROM raw_slots s
    )`;
}

/**
 * The same rule "as it stood" at one or more moments (`asOf`), for the dashboard, its period filter
 * and the completion trend. Yields
 *   slots(moment, as_of_utc, as_of_day, assignment_id, task_id, unit_id, programme_id, section_id,
 *         reform_area, recurrence, due, completed, started, status)
 * with `moment` the index of the moment in `moments`, `as_of_day` its Vietnamese calendar day and
 * `completed` a UTC timestamp. Differences from slotsCte(now), all about not knowing the future at
 * `as_of`:
 *   - the period slot of a recurring task is the one containing the Vietnamese day of `as_of`;
 *   - a completion, a start or a report recorded after `as_of` is not known yet;
 *   - an extension approved after `as_of` is undone: the deadline is the one it replaced;
 *   - an assignment counts from the start of its programme's implementation period
 *     (Programme.periodStart) or from its creation, whichever is earlier — data entry often
 *     happens after a directive took effect, so creation time alone would drop real history.
 * For `as_of` = now on real data (nothing recorded in the future) the two agree; a test checks it.
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
      return Prisma.sql`(${i}::int, ${r}, ${p.key}, ${p.end}::date)`;
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
             CASE WHEN cur.key IS NOT NULL THEN cur.end_date
                  WHEN x.assignment_id IS NOT NULL THEN x.due
                  ELSE a."dueDate" END AS due,
             CASE WHEN cur.key IS NULL
                  THEN CASE WHEN a."completedAt" <= m.as_of_utc THEN a."completedAt" END
                  ELSE CASE WHEN r."completedAt" <= m.as_of_utc THEN r."completedAt" END
             END AS completed,
             CASE WHEN cur.key IS NULL THEN coalesce(a."startedAt" <= m.as_of_utc, false)
                  ELSE r.id IS NOT NULL END AS started
      FROM ${momentValues} AS m(moment, as_of_utc, as_of_day)
      CROSS JOIN "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      LEFT JOIN (VALUES ${Prisma.join(curRows)}) AS cur(moment, recurrence, key, end_date) ON cur.moment = m.moment AND cur.recurrence = t.recurrence::text
      ${report}
      LEFT JOIN ext_undo x ON x.moment = m.moment AND x.assignment_id = a.id
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
 *   - a recurring assignment at k reads the report of the period containing day_k: that report
 *     is a tuple (period key, exists-from, created-from, done-from); it counts as done at the k
 *     whose period is its key once k ≥ all three, as started once k ≥ the first two. The slot is
 *     due at the end of that period, which is never before day_k, so it is never overdue and a
 *     completion by as_of_k is always on time — exactly what slotsAtCte computes;
 *   - assignments with an approved extension change their deadline over time: they are few, and
 *     go through slotsAtCte itself.
 * Cost: one pass over the assignments and one over the year's reports, whatever K is.
 * tests/integration/dashboard.test.ts checks it against slotsAtCte on every moment.
 */
export function slotStatusCountsSql(moments: readonly Date[], options: { where?: Prisma.Sql } = {}): Prisma.Sql {
  for (let i = 1; i < moments.length; i += 1) {
    if (moments[i - 1]!.getTime() >= moments[i]!.getTime()) throw new RangeError('slotStatusCountsSql needs moments in ascending order');
  }
  const K = moments.length;
  const utc = moments.map((m) => m.toISOString().replace('T', ' ').replace('Z', ''));
  const days = moments.map((m) => vnDateOf(m));
  const keyRows = moments.flatMap((asOf, k) => RECURRING.map((r) => Prisma.sql`(${r}, ${currentPeriod(r, vnDateOf(asOf))!.key}, ${k}::int)`));
  const keys = [...new Set(moments.flatMap((asOf) => RECURRING.map((r) => currentPeriod(r, vnDateOf(asOf))!.key)))];
  const where = options.where ?? Prisma.sql`TRUE`;
  const hasExtension = Prisma.sql`EXISTS (SELECT 1 FROM "DeadlineExtension" e WHERE e."assignmentId" = a.id AND e.status = 'APPROVED')`;
  const from = (x: Prisma.Sql, th: Prisma.Sql) => Prisma.sql`CASE WHEN ${x} IS NULL THEN ${K} ELSE width_bucket(${x} - interval '1 microsecond', ${th}) END`;
  return Prisma.sql`
    WITH ${slotsAtCte(moments, { where: Prisma.sql`${where} AND ${hasExtension}`, reports: 'lookup' })},
    exact AS (SELECT moment, status, count(*)::int AS n FROM slots GROUP BY moment, status),
    th AS (SELECT ${utc}::timestamp[] AS t, ${days}::date[] AS d),
    keymap(recurrence, key, moment) AS (VALUES ${Prisma.join(keyRows)}),
    ks AS (SELECT generate_series(0, ${K - 1}) AS k),
    fast AS (
      SELECT a.id, t.recurrence::text AS recurrence, a."dueDate" AS due, a."completedAt" AS completed, a."startedAt" AS started,
             least(CASE WHEN p."periodStart" IS NOT NULL THEN width_bucket(p."periodStart" - 1, th.d) END,
                   width_bucket(a."createdAt" - interval '1 microsecond', th.t)) AS b_exists
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      CROSS JOIN th
      WHERE ${where} AND NOT ${hasExtension}
    ),
    once_groups AS (
      SELECT f.b_exists, ${from(Prisma.sql`f.completed`, Prisma.sql`th.t`)} AS b_done, ${from(Prisma.sql`f.started`, Prisma.sql`th.t`)} AS b_started,
             CASE WHEN f.due IS NULL THEN ${K} ELSE width_bucket(f.due, th.d) END AS b_overdue,
             (f.due IS NULL OR f.completed < (f.due + 1)::timestamp - interval '7 hours') AS on_time,
             count(*)::int AS n
      FROM fast f CROSS JOIN th
      WHERE f.recurrence IN ('ONCE', 'CONTINUOUS')
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
    ),
    rec_totals AS (
      SELECT ks.k AS moment, sum(g.n)::int AS n
      FROM (SELECT b_exists, count(*)::int AS n FROM fast WHERE recurrence NOT IN ('ONCE', 'CONTINUOUS') GROUP BY b_exists) g
      JOIN ks ON ks.k >= g.b_exists
      GROUP BY ks.k
    ),
    rec_groups AS (
      SELECT f.recurrence, r."periodKey" AS key, f.b_exists,
             width_bucket(r."createdAt" - interval '1 microsecond', th.t) AS b_created,
             ${from(Prisma.sql`r."completedAt"`, Prisma.sql`th.t`)} AS b_done,
             count(*)::int AS n
      FROM fast f
      JOIN "Report" r ON r."assignmentId" = f.id AND r."periodKey" IN (${Prisma.join(keys)})
      CROSS JOIN th
      WHERE f.recurrence NOT IN ('ONCE', 'CONTINUOUS')
      GROUP BY 1, 2, 3, 4, 5
    ),
    rec_counts AS (
      SELECT km.moment,
             coalesce(sum(g.n) FILTER (WHERE km.moment >= greatest(g.b_exists, g.b_created, g.b_done)), 0)::int AS done,
             coalesce(sum(g.n) FILTER (WHERE km.moment >= greatest(g.b_exists, g.b_created)), 0)::int AS started
      FROM rec_groups g JOIN keymap km ON km.recurrence = g.recurrence AND km.key = g.key
      GROUP BY km.moment
    )
    SELECT moment, status, sum(n)::int AS n FROM (
      SELECT moment, status, n FROM exact
      UNION ALL SELECT moment, status, n FROM once_counts
      UNION ALL SELECT moment, 'DONE_ON_TIME', done FROM rec_counts
      UNION ALL SELECT moment, 'IN_PROGRESS_ON_TIME', started - done FROM rec_counts
      UNION ALL SELECT t.moment, 'NOT_STARTED', t.n - coalesce(rc.started, 0) FROM rec_totals t LEFT JOIN rec_counts rc ON rc.moment = t.moment
    ) x
    GROUP BY moment, status
    HAVING sum(n) <> 0`;
}
