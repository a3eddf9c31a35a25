/**
 * How fast the dashboard's data functions are on a database, against the same aggregation written
 * as one hand-tuned SQL query:
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench-dashboard.ts [--runs 5] [--label "…"] [--no-write]
 *
 * (--conditions=react-server lets the data layer's `server-only` marker load outside Next.js.)
 * Fill the database with scripts/generate-city.ts first. It times, city-wide and for now:
 *   - the dashboard (every aggregate in one scan: lib/data/dashboard-sql.ts queryAggregates, then
 *     the shaping of lib/data/dashboard-shape.ts — exactly getDashboard without the session lookup),
 *   - the trend (17 moments in one query), the overdue list, a drill-down page, the headline,
 *     one department head's and one officer's dashboard, and the Excel export (20,000 rows at most);
 *   - a hand-tuned query that computes the per-unit status counts directly from the tables for
 *     now only (no "as it stood" masking, one merge hop), and checks that it gives the same numbers.
 * Prints the figures and writes them to docs/benchmarks/dashboard.md (the section of this
 * --label is replaced, the others are kept).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, Prisma } from '../lib/db';
import { shapeRow, shapeTrend, trendPlan } from '../lib/data/dashboard-shape';
import {
  computeDashboard,
  ensureSnapshots,
  forgetSnapshots,
  queryAggregates,
  queryAssignments,
  queryStatusCounts,
  queryTrend,
  type DashboardScope,
} from '../lib/data/dashboard-sql';
import { dayOrdinalSql, keyOrdinalSql } from '../lib/data/status-sql';
import { forgetLiveTally, refreshLiveTally } from '../lib/data/status-live';
import { RECURRING, currentPeriod } from '../lib/domain/slot';
import { vnDateOf } from '../lib/domain/time';
import { buildSummaryWorkbook } from '../lib/exports/xlsx';
import { parseDashboardParams } from '../lib/validation/dashboard';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('--runs') ?? 5);
const LABEL = flag('--label') ?? 'dataset';
const WRITE = !args.includes('--no-write');
const OUT = path.join(process.cwd(), 'docs', 'benchmarks', 'dashboard.md');

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a database filled by scripts/generate-city.ts.');
  process.exit(1);
}

type Timing = { name: string; ms: number[]; note?: string };

async function time<T>(name: string, work: () => Promise<T>, note?: string): Promise<{ timing: Timing; result: T }> {
  let result = await work(); // warm-up: plans and caches, as on a server that has been up a while
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    result = await work();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { timing: { name, ms, note }, result };
}

const median = (ms: number[]) => ms[Math.floor(ms.length / 2)]!;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());

/**
 * The per-unit counts for now, written by hand as one query over the tables, using what is true
 * only for "now" on consistent data: nothing is recorded in the future (no masking), a current
 * period slot is never late, and the generated city's mergers are one hop. Recurring tasks follow
 * decision 008: a task is overdue while a closed period since the assignment (up to the day its
 * unit ceased) has no completed report — counted with one pass over the completed reports.
 */
function handTuned(now: Date): Prisma.Sql {
  const today = vnDateOf(now);
  const cur = RECURRING.map((r) => {
    const p = currentPeriod(r, today)!;
    const months = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 }[r as 'MONTHLY'];
    const ordinal =
      Number(p.key.slice(0, 4)) * (12 / months) + (months === 12 ? 0 : Number(p.key.slice(months === 1 ? 5 : 6)) - 1);
    return Prisma.sql`(${r}, ${p.key}, ${months}::int, ${ordinal}::int)`;
  });
  const first = dayOrdinalSql(Prisma.sql`(a."createdAt" + interval '7 hours')::date`, Prisma.sql`c.months`);
  const ended = dayOrdinalSql(Prisma.sql`u."validTo"`, Prisma.sql`c.months`);
  return Prisma.sql`
    WITH c(recurrence, key, months, ord) AS (VALUES ${Prisma.join(cur)}),
    rec AS (
      SELECT a.id, c.key, ${first} AS first,
             least(c.ord, CASE WHEN u."validTo" <= ${today}::date THEN ${ended} END) AS upto
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN c ON c.recurrence = t.recurrence::text
      JOIN "Unit" u ON u.id = a."unitId"
    ),
    owed AS (
      SELECT rec.id, rec.upto - rec.first - count(r.id) FILTER (
               WHERE ${keyOrdinalSql(Prisma.sql`r."periodKey"`, Prisma.sql`c.months`)} >= rec.first
                 AND ${keyOrdinalSql(Prisma.sql`r."periodKey"`, Prisma.sql`c.months`)} < rec.upto) AS missing,
             bool_or(r."periodKey" = rec.key) AS cur_started,
             bool_or(r."periodKey" = rec.key AND r."completedAt" IS NOT NULL) AS cur_done
      FROM rec
      JOIN "Assignment" a ON a.id = rec.id JOIN "Task" t ON t.id = a."taskId" JOIN c ON c.recurrence = t.recurrence::text
      LEFT JOIN "Report" r ON r."assignmentId" = rec.id AND (r."completedAt" IS NOT NULL OR r."periodKey" = rec.key)
      GROUP BY rec.id, rec.upto, rec.first
    )
    SELECT coalesce(l."successorId", x.unit_id) AS unit_id,
      count(*) FILTER (WHERE x.st = 1)::int AS done_on_time, count(*) FILTER (WHERE x.st = 2)::int AS done_late,
      count(*) FILTER (WHERE x.st = 3)::int AS on_time, count(*) FILTER (WHERE x.st = 4)::int AS overdue,
      count(*) FILTER (WHERE x.st = 5)::int AS not_started
    FROM (
      SELECT a."unitId" AS unit_id,
        CASE
          WHEN o.id IS NOT NULL
            THEN CASE WHEN o.missing > 0 THEN 4 WHEN o.cur_done THEN 1 WHEN o.cur_started THEN 3 ELSE 5 END
          WHEN a."completedAt" IS NOT NULL
            THEN CASE WHEN a."dueDate" IS NULL OR a."completedAt" < (a."dueDate" + 1)::timestamp - interval '7 hours' THEN 1 ELSE 2 END
          WHEN a."dueDate" < ${today}::date THEN 4
          WHEN a."startedAt" IS NOT NULL THEN 3
          ELSE 5
        END AS st
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      LEFT JOIN owed o ON o.id = a.id
    ) x
    LEFT JOIN "UnitLineage" l ON l."predecessorId" = x.unit_id AND l.kind IN ('MERGE', 'RENAME') AND l."effectiveDate" <= ${today}::date
    GROUP BY 1`;
}

async function main(): Promise<void> {
  const db = getDb();
  const now = new Date();
  const city: DashboardScope = { kind: 'CITY' };
  const filters = parseDashboardParams({});
  const sizes = (
    await db.$queryRaw<{ units: number; assignments: number; reports: number; tasks: number }[]>`
      SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Assignment")::int AS assignments,
             (SELECT count(*) FROM "Report")::int AS reports, (SELECT count(*) FROM "Task")::int AS tasks`
  )[0]!;
  const version = (await db.$queryRaw<{ v: string }[]>`SELECT split_part(version(), ' on ', 1) AS v`)[0]!.v;
  console.log(`${LABEL}: ${JSON.stringify(sizes)} — ${version}, ${os.cpus().length} CPU, ${RUNS} runs after a warm-up`);

  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const timings: Timing[] = [];
  const view = { sort: filters.sort, heat: filters.heat };
  // "Now" reads the live tally (lib/data/status-live.ts): recounted whole once a day, then per unit.
  await forgetLiveTally(db);
  const wholeStart = performance.now();
  await refreshLiveTally(db, now);
  timings.push({
    name: 'Live tally: whole recount (once a day, by the hourly job after midnight)',
    ms: [performance.now() - wholeStart],
  });
  const dash = await time('Dashboard: every aggregate and the heatmap (getDashboard)', () =>
    computeDashboard(db, now, city, {}, view, 'live'),
  );
  timings.push(dash.timing);
  const hand = await time('Hand-tuned SQL: status counts per unit, now', () =>
    db.$queryRaw<
      {
        unit_id: number;
        done_on_time: number;
        done_late: number;
        on_time: number;
        overdue: number;
        not_started: number;
      }[]
    >(handTuned(now)),
  );
  timings.push(hand.timing);
  const unitsOnly = await time('The same aggregates with every slot evaluated (the path before the live tally)', () =>
    queryAggregates(db, now, city, {}, true),
  );
  timings.push(unitsOnly.timing);

  // The two must agree unit by unit.
  const mine = new Map(dash.result.units.map((u) => [u.unitId, u.counts]));
  let mismatches = 0;
  for (const row of hand.result) {
    const c = mine.get(row.unit_id);
    const same =
      c &&
      c.DONE_ON_TIME === row.done_on_time &&
      c.DONE_LATE === row.done_late &&
      c.IN_PROGRESS_ON_TIME === row.on_time &&
      c.IN_PROGRESS_OVERDUE === row.overdue &&
      c.NOT_STARTED === row.not_started;
    if (!same) mismatches += 1;
  }
  if (hand.result.length !== mine.size) mismatches += Math.abs(hand.result.length - mine.size);
  console.log(
    mismatches === 0
      ? `✓ hand-tuned query and data layer agree on all ${mine.size} units`
      : `✖ ${mismatches} units differ between the hand-tuned query and the data layer`,
  );

  // A write names its unit; the next read recounts that unit before answering.
  const busiest = dash.result.units.reduce((a, b) => (b.counts.total > a.counts.total ? b : a), dash.result.units[0]!);
  timings.push(
    (
      await time('Dashboard right after a write (recount of one unit, then the read)', async () => {
        await db.$executeRaw`INSERT INTO "StatusLiveDirty" ("unitId") VALUES (${busiest.unitId})`;
        return computeDashboard(db, now, city, {}, view, 'live');
      })
    ).timing,
  );

  const plan = trendPlan(now);
  // The trend's past cut-offs come from snapshots (decision 008): the first fill is timed once, then the reads.
  // --keep-snapshots: reuse the snapshots a previous run wrote (the fill is the slowest step by far).
  if (!process.argv.includes('--keep-snapshots')) {
    await forgetSnapshots(db);
    const fillStart = performance.now();
    await ensureSnapshots(db, plan.moments.slice(0, -1));
    timings.push({
      name: `Trend snapshots: first fill of ${plan.moments.length - 1} cut-offs (once; the hourly job does it as each passes)`,
      ms: [performance.now() - fillStart],
    });
  } else await ensureSnapshots(db, plan.moments.slice(0, -1));
  timings.push(
    (
      await time(`Trend: ${plan.moments.length} points, past cut-offs from snapshots (getCompletionTrend)`, async () =>
        shapeTrend(plan, await queryTrend(db, plan.moments, city, {}, true)),
      )
    ).timing,
  );
  timings.push(
    (
      await time('Overdue list, 20 rows (listOverdueAssignments)', async () =>
        (
          await queryAssignments(
            db,
            now,
            city,
            { status: 'IN_PROGRESS_OVERDUE' },
            { order: 'overdue', limit: 20, offset: 0, live: true },
          )
        ).map(shapeRow),
      )
    ).timing,
  );
  const biggest = dash.result.units.reduce((a, b) => (b.counts.total > a.counts.total ? b : a), dash.result.units[0]!);
  timings.push(
    (
      await time('Drill-down: one unit, first page of 50 (listDashboardAssignments)', async () =>
        (
          await queryAssignments(
            db,
            now,
            city,
            { unit: biggest.unitId },
            { order: 'urgency', limit: 50, offset: 0, live: true },
          )
        ).map(shapeRow),
      )
    ).timing,
  );
  timings.push(
    (
      await time('Drill-down: all overdue, page 3 of 50', async () =>
        (
          await queryAssignments(
            db,
            now,
            city,
            { status: 'IN_PROGRESS_OVERDUE' },
            { order: 'urgency', limit: 50, offset: 100, live: true },
          )
        ).map(shapeRow),
      )
    ).timing,
  );
  timings.push(
    (await time('Home page headline (getHeadline)', () => queryStatusCounts(db, now, city, {}, true))).timing,
  );

  const head = await db.$queryRaw<{ unit_id: number; standing: boolean }[]>`
    SELECT a."unitId" AS unit_id, u."isStandingOffice" AS standing FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId"
    WHERE a.role = 'LEAD' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`;
  if (head[0]) {
    const scope: DashboardScope = {
      kind: 'LED',
      unitId: head[0].unit_id,
      includeUnled: head[0].standing,
      includeOwn: false,
    };
    timings.push(
      (
        await time('Department head’s dashboard (tasks the department leads)', async () =>
          computeDashboard(db, now, scope, {}, view, 'live'),
        )
      ).timing,
    );
  }
  const officerScope: DashboardScope = { kind: 'UNIT', unitId: biggest.unitId };
  timings.push(
    (
      await time('Officer’s dashboard (one unit)', async () =>
        computeDashboard(db, now, officerScope, {}, view, 'live'),
      )
    ).timing,
  );
  const lastQuarter = plan.moments[plan.quarters.at(-1)!.index]!;
  const pastPeriod = await time('Dashboard for last quarter, every slot evaluated as it stood', async () =>
    computeDashboard(db, lastQuarter, city, {}, view, 'as-of'),
  );
  timings.push(pastPeriod.timing);
  const pastSnapshot = await time('Dashboard for last quarter, from its snapshot (what the page reads)', async () =>
    computeDashboard(db, lastQuarter, city, {}, view, 'snapshot'),
  );
  timings.push(pastSnapshot.timing);
  if (JSON.stringify(pastSnapshot.result) !== JSON.stringify(pastPeriod.result))
    throw new Error('The last quarter read from its snapshot differs from the evaluated one');

  const exportRun = await time('Excel export (aggregates + up to 20,000 rows + workbook)', async () => {
    const [computed, list] = await Promise.all([
      computeDashboard(db, now, city, {}, view, 'live'),
      queryAssignments(db, now, city, {}, { order: 'urgency', limit: 20_000, offset: 0, live: true }),
    ]);
    const bytes = await buildSummaryWorkbook({
      dashboard: {
        ...computed,
        scope: 'CITY',
        scopeLabel: 'toàn thành phố',
        asOf: now,
        isNow: true,
        periodLabel: null,
      },
      rows: list.map(shapeRow),
      totalRows: list[0]?.total ?? 0,
      programme: null,
      sectionTitle: null,
      generatedAt: now,
    });
    return bytes.length;
  });
  timings.push({ ...exportRun.timing, note: `${(exportRun.result / 1024 / 1024).toFixed(1)} MB` });

  const lines = timings.map(
    (t) =>
      `| ${t.name} | ${fmt(median(t.ms))} | ${fmt(t.ms[0]!)} | ${fmt(t.ms.at(-1)!)} |${t.note ? ` ${t.note}` : ''}`,
  );
  console.log(['| What | median ms | min | max | note', ...lines].join('\n'));

  if (WRITE) {
    const section = [
      `## ${LABEL}`,
      '',
      `${sizes.units.toLocaleString('en')} units, ${sizes.tasks} tasks, ${sizes.assignments.toLocaleString('en')} assignments, ${sizes.reports.toLocaleString('en')} reports. ` +
        `${version}; ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim() ?? 'unknown'}); measured ${now.toISOString().slice(0, 10)}, ` +
        `load average ${loadBefore} before and ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} after; ` +
        `median of ${RUNS} runs after one warm-up. Hand-tuned query and data layer ${mismatches === 0 ? 'agree on every unit' : `DISAGREE on ${mismatches} units`}.`,
      '',
      '| What | median ms | min | max | note |',
      '|---|---:|---:|---:|---|',
      ...timings.map(
        (t) => `| ${t.name} | ${fmt(median(t.ms))} | ${fmt(t.ms[0]!)} | ${fmt(t.ms.at(-1)!)} | ${t.note ?? ''} |`,
      ),
      '',
    ].join('\n');
    const existing = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    const marker = `## ${LABEL}\n`;
    let next: string;
    if (existing.includes(marker)) {
      const start = existing.indexOf(marker);
      const after = existing.indexOf('\n## ', start + marker.length);
      next = existing.slice(0, start) + section + (after >= 0 ? existing.slice(after + 1) : '');
    } else {
      next = `${existing.trimEnd()}\n\n${section}`;
    }
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, next.trimStart());
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  }
  await db.$disconnect();
}

await main();
