/**
 * A generated city for trying the dashboard at size: `DATABASE_URL=… npx tsx scripts/generate-city.ts [flags]`.
 *
 * Default: the 15 wards and communes and 12 departments of Hà Tĩnh (shared/DOMAIN.md), one more
 * commune merged into a ward half-way through the year, and a programme of 30 tasks (one-off,
 * monthly, quarterly, half-yearly, yearly and continuous, one section per reform area of
 * Resolution 76) with a year of reports: every recurring task reported period by period, one-off
 * tasks started and finished on time, late or not at all, a few deadlines extended. Each unit has
 * its own diligence, so the ranking is not flat. Deterministic for a given --seed and --now.
 *
 * Flags:
 *   --local N          wards and communes (default 15; beyond 15 they are numbered)
 *   --departments N    departments (default 12; beyond 12 they are numbered)
 *   --monthly N        monthly tasks (default 6); the other task kinds are fixed (24 tasks)
 *   --national         about 10,000 units and a million reports: --local 9500 --departments 500 --monthly 8
 *   --seed S           changes every random choice (default 1)
 *   --now ISO          the generated year ends at this instant (default: now)
 *
 * The database is migrated first. Users: `chutich` and `admin` if missing, a head per department
 * (tp.<code>) and an officer per unit (cb.<code>), all with the demo password DonDoc@2026.
 * Refuses to run twice on the same database. Bulk work is done by INSERT … SELECT in PostgreSQL:
 * a million reports take about a minute, not an hour of round trips.
 */
import pg from 'pg';
import { migrate } from '../lib/database/migrate';
import { HA_TINH_UNITS } from '../lib/domain/ha-tinh-units';
import { REFORM_AREA_LABELS } from '../lib/domain/labels';
import { periodContaining, periodsBetween, previousPeriod, type Period, type Recurrence } from '../lib/domain/periods';
import { addDays, vnDateOf } from '../lib/domain/time';
import { hashPassword } from '../lib/password';

export const GENERATED_TITLE = 'Kế hoạch cải cách hành chính (dữ liệu sinh để thử bảng điều khiển)';
const DEMO_PASSWORD = 'DonDoc@2026';

type Options = { local: number; departments: number; monthly: number; seed: string; now: Date };

function parseArgs(argv: string[]): Options {
  const opts: Options = { local: 15, departments: 12, monthly: 6, seed: '1', now: new Date() };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 100_000)
        throw new Error(`${flag} needs a whole number from 1 to 100000`);
      return n;
    };
    switch (flag) {
      case '--local':
        opts.local = count();
        break;
      case '--departments':
        opts.departments = count();
        break;
      case '--monthly':
        opts.monthly = count();
        break;
      case '--seed':
        opts.seed = value();
        break;
      case '--now': {
        const d = new Date(value());
        if (Number.isNaN(d.getTime())) throw new Error('--now needs an ISO date-time');
        opts.now = d;
        break;
      }
      case '--national':
        Object.assign(opts, { local: 9500, departments: 500, monthly: 8 });
        break;
      default:
        throw new Error(`Unknown flag ${flag}`);
    }
  }
  return opts;
}

type UnitRow = {
  code: string;
  name: string;
  kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE';
  standing: boolean;
};

function unitsFor(opts: Options): UnitRow[] {
  const real = HA_TINH_UNITS;
  const departments = real.filter((u) => u.kind === 'DEPARTMENT');
  const local = real.filter((u) => u.kind === 'WARD' || u.kind === 'COMMUNE');
  const rows: UnitRow[] = [{ code: 'UBND', name: 'UBND thành phố Hà Tĩnh', kind: 'LEADERSHIP', standing: false }];
  for (let i = 0; i < opts.departments; i += 1) {
    const d = departments[i];
    rows.push(
      d
        ? { code: d.code, name: d.name, kind: 'DEPARTMENT', standing: d.code === 'NV' }
        : { code: `PB-${i + 1}`, name: `Phòng, ban số ${i + 1}`, kind: 'DEPARTMENT', standing: false },
    );
  }
  for (let i = 0; i < opts.local; i += 1) {
    const u = local[i];
    if (u) rows.push({ code: u.code, name: u.name, kind: u.kind as 'WARD' | 'COMMUNE', standing: false });
    else
      rows.push(
        i % 3 === 2
          ? { code: `X-${i + 1}`, name: `Xã số ${i + 1}`, kind: 'COMMUNE', standing: false }
          : { code: `P-${i + 1}`, name: `Phường số ${i + 1}`, kind: 'WARD', standing: false },
      );
  }
  return rows;
}

/** Tasks of the generated programme: [recurrence, due (days after the start, one-off only), addressed to]. */
type TaskSpec = { recurrence: Recurrence; dueOffset: number | null; to: 'ALL' | 'LOCAL' | 'DEPARTMENTS' | 'LEAD' };

function taskSpecs(opts: Options): TaskSpec[] {
  const specs: TaskSpec[] = [];
  for (let i = 0; i < opts.monthly; i += 1)
    specs.push({ recurrence: 'MONTHLY', dueOffset: null, to: i % 3 === 2 ? 'LOCAL' : 'ALL' });
  for (let i = 0; i < 3; i += 1) specs.push({ recurrence: 'QUARTERLY', dueOffset: null, to: 'ALL' });
  specs.push({ recurrence: 'HALF_YEARLY', dueOffset: null, to: 'ALL' });
  for (let i = 0; i < 2; i += 1)
    specs.push({ recurrence: 'YEARLY', dueOffset: null, to: i === 0 ? 'ALL' : 'DEPARTMENTS' });
  // One-off tasks: deadlines spread over the year, the last few still ahead.
  for (let i = 0; i < 16; i += 1) {
    specs.push({
      recurrence: 'ONCE',
      dueOffset: 30 + i * 22,
      to: i % 5 === 4 ? 'LEAD' : i % 4 === 3 ? 'DEPARTMENTS' : i % 4 === 2 ? 'LOCAL' : 'ALL',
    });
  }
  for (let i = 0; i < 2; i += 1) specs.push({ recurrence: 'CONTINUOUS', dueOffset: null, to: 'ALL' });
  return specs;
}

const AREAS = Object.keys(REFORM_AREA_LABELS) as (keyof typeof REFORM_AREA_LABELS)[];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const TASK_TITLES: Record<Recurrence, string> = {
  ONCE: 'Hoàn thành nhiệm vụ trọng tâm',
  MONTHLY: 'Báo cáo, kiểm tra định kỳ hằng tháng',
  QUARTERLY: 'Sơ kết, đánh giá hằng quý',
  HALF_YEARLY: 'Sơ kết 6 tháng',
  YEARLY: 'Xây dựng kế hoạch và bố trí kinh phí hằng năm',
  CONTINUOUS: 'Thường xuyên tuyên truyền, phổ biến',
};

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the database to fill (it is migrated first).');
    process.exit(1);
  }
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  await migrate(url, { log });

  const today = vnDateOf(opts.now);
  // The generated year: the 12 monthly periods up to the current one.
  let first: Period = periodContaining('MONTHLY', today);
  for (let i = 0; i < 11; i += 1) first = previousPeriod(first)!;
  const yearStart = first.start;
  const periods = (['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'] as const).flatMap((r) =>
    periodsBetween(r, yearStart, today),
  );

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM "Programme" WHERE title = $1', [GENERATED_TITLE]);
    if (existing.rowCount) {
      console.error('This database already has a generated city. Use a fresh database.');
      process.exit(1);
    }
    await client.query('BEGIN');
    // Deterministic "random" numbers in [0, 1): a hash of a label, so plans cannot change them.
    await client.query(`CREATE FUNCTION pg_temp.rnd(text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
      $$ SELECT ('x' || substr(md5($1), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
    const seed = `${opts.seed}:`;

    // ── Units (existing codes are kept), the merged commune and its lineage ──
    const units = unitsFor(opts);
    units.push({ code: 'X-GEN-CU', name: 'Xã Hộ Độ (đã sáp nhập)', kind: 'COMMUNE', standing: false });
    const mergeDate = addDays(yearStart, 180);
    await client.query(
      `INSERT INTO "Unit" (code, name, kind, "validFrom", "validTo", active, "isStandingOffice", "updatedAt")
       SELECT u.code, u.name, u.kind::"UnitKind", DATE '2020-01-01', CASE WHEN u.code = 'X-GEN-CU' THEN $5::date - 1 END,
              u.code <> 'X-GEN-CU', u.standing, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[]) AS u(code, name, kind, standing)
       ON CONFLICT (code) DO NOTHING`,
      [
        units.map((u) => u.code),
        units.map((u) => u.name),
        units.map((u) => u.kind),
        units.map((u) => u.standing),
        mergeDate,
      ],
    );
    const firstWard = units.find((u) => u.kind === 'WARD')!.code;
    await client.query(
      `INSERT INTO "UnitLineage" (kind, "predecessorId", "successorId", "effectiveDate", note)
       SELECT 'MERGE'::"UnitChangeKind", p.id, s.id, $3::date, 'Sáp nhập (dữ liệu sinh)' FROM "Unit" p, "Unit" s WHERE p.code = $1 AND s.code = $2
       ON CONFLICT DO NOTHING`,
      ['X-GEN-CU', firstWard, mergeDate],
    );
    await client.query(
      `CREATE TEMP TABLE gen_units AS SELECT u.id, u.code, u.kind::text AS kind, u."validTo" FROM "Unit" u WHERE u.code = ANY($1)`,
      [units.map((u) => u.code)],
    );
    log(`${units.length} units`);

    // ── Users ──
    const hash = await hashPassword(DEMO_PASSWORD);
    await client.query(
      `INSERT INTO "User" (username, "displayName", "jobTitle", "passwordHash", role, "unitId", "updatedAt")
       SELECT 'chutich', 'Trần Văn Minh', 'Chủ tịch UBND thành phố', $1, 'CHAIRMAN'::"Role", id, now() FROM "Unit" WHERE code = 'UBND'
       UNION ALL
       SELECT 'admin', 'Quản trị hệ thống', 'Quản trị hệ thống', $1, 'ADMIN'::"Role", id, now() FROM "Unit" WHERE code = (SELECT code FROM "Unit" WHERE kind = 'DEPARTMENT' ORDER BY "isStandingOffice" DESC, id LIMIT 1)
       ON CONFLICT (username) DO NOTHING`,
      [hash],
    );
    await client.query(
      `INSERT INTO "User" (username, "displayName", "jobTitle", "passwordHash", role, "unitId", "updatedAt")
       SELECT 'tp.' || lower(g.code), 'Trưởng phòng ' || u.name, 'Trưởng phòng', $1, 'DEPARTMENT_HEAD'::"Role", g.id, now()
       FROM gen_units g JOIN "Unit" u ON u.id = g.id WHERE g.kind = 'DEPARTMENT'
       UNION ALL
       SELECT 'cb.' || lower(g.code), 'Công chức ' || u.name, 'Công chức', $1, 'OFFICER'::"Role", g.id, now()
       FROM gen_units g JOIN "Unit" u ON u.id = g.id WHERE g.kind <> 'LEADERSHIP'
       ON CONFLICT (username) DO NOTHING`,
      [hash],
    );
    log('users');

    // ── Programme, sections (one per reform area), tasks ──
    const programme = await client.query<{ id: number }>(
      `INSERT INTO "Programme" (title, "documentNumber", "issuingBody", "issuedOn", summary, "periodStart", "periodEnd", "updatedAt")
       VALUES ($1, '99/KH-UBND', 'UBND thành phố Hà Tĩnh', $2::date, 'Dữ liệu sinh tự động để thử bảng điều khiển ở quy mô lớn.', $2::date, $3::date, now()) RETURNING id`,
      [GENERATED_TITLE, yearStart, addDays(yearStart, 730)],
    );
    const programmeId = programme.rows[0]!.id;
    const sectionIds: number[] = [];
    for (const [i, area] of AREAS.entries()) {
      const r = await client.query<{ id: number }>(
        `INSERT INTO "Section" ("programmeId", numeral, title, "order") VALUES ($1, $2, $3, $4) RETURNING id`,
        [programmeId, ROMAN[i], REFORM_AREA_LABELS[area], i + 1],
      );
      sectionIds.push(r.rows[0]!.id);
    }
    const specs = taskSpecs(opts);
    const departmentIds = (
      await client.query<{ id: number }>(`SELECT id FROM gen_units WHERE kind = 'DEPARTMENT' ORDER BY id`)
    ).rows.map((r) => r.id);
    const taskRows = specs.map((spec, i) => {
      const section = i % AREAS.length;
      return {
        section: sectionIds[section]!,
        area: AREAS[section]!,
        number: String(Math.floor(i / AREAS.length) + 1),
        order: Math.floor(i / AREAS.length) + 1,
        title: `${TASK_TITLES[spec.recurrence]} (${i + 1})`,
        recurrence: spec.recurrence,
        due: spec.dueOffset === null ? null : addDays(yearStart, spec.dueOffset),
        to: spec.to,
        lead: departmentIds[i % departmentIds.length]!,
      };
    });
    await client.query(
      `CREATE TEMP TABLE gen_tasks AS
       SELECT t.*, row_number() OVER () AS n FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::date[], $8::text[], $9::int[])
         AS t(section_id, area, number, ord, title, recurrence, due, addressed_to, lead_id)`,
      [
        taskRows.map((t) => t.section),
        taskRows.map((t) => t.area),
        taskRows.map((t) => t.number),
        taskRows.map((t) => t.order),
        taskRows.map((t) => t.title),
        taskRows.map((t) => t.recurrence),
        taskRows.map((t) => t.due),
        taskRows.map((t) => t.to),
        taskRows.map((t) => t.lead),
      ],
    );
    await client.query(
      `ALTER TABLE gen_tasks ADD COLUMN task_id int;
       WITH ins AS (
         INSERT INTO "Task" ("programmeId", "sectionId", number, "order", title, text, "reformArea", "dueDate", recurrence, "updatedAt", "createdAt")
         SELECT ${programmeId}, section_id, number, ord, title, title || '.', area::"ReformArea", due, recurrence::"Recurrence", now(), now()
         FROM gen_tasks ORDER BY n
         RETURNING id, "sectionId", number
       )
       UPDATE gen_tasks g SET task_id = ins.id FROM ins WHERE ins."sectionId" = g.section_id AND ins.number = g.number`,
    );
    log(`${taskRows.length} tasks`);

    // ── Assignments: the lead, and every unit the task is addressed to ──
    const assignments = await client.query(
      `INSERT INTO "Assignment" ("taskId", "unitId", role, "dueDate", "originalDueDate", "createdAt", "updatedAt")
       SELECT g.task_id, u.id, CASE WHEN u.id = g.lead_id THEN 'LEAD' ELSE 'IMPLEMENTING' END::"AssignmentRole", g.due, g.due,
              ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'UTC', now()
       FROM gen_tasks g JOIN gen_units u ON u.kind <> 'LEADERSHIP'
       WHERE u.id = g.lead_id
          OR g.addressed_to = 'ALL'
          OR (g.addressed_to = 'LOCAL' AND u.kind IN ('WARD', 'COMMUNE'))
          OR (g.addressed_to = 'DEPARTMENTS' AND u.kind = 'DEPARTMENT')`,
      [yearStart],
    );
    log(`${assignments.rowCount} assignments`);

    // Each unit's diligence (0.55–0.98): how often it reports, and how often on time.
    await client.query(
      `CREATE TEMP TABLE gen_diligence AS SELECT id AS unit_id, 0.55 + 0.43 * pg_temp.rnd($1 || 'd' || id) AS d FROM gen_units`,
      [seed],
    );
    const nowIso = opts.now.toISOString();

    // ── One-off tasks: started, finished before or after the deadline, or not at all ──
    await client.query(
      `WITH plan AS (
         SELECT a.id, a."dueDate" AS due, dl.d,
                pg_temp.rnd($1 || 'c' || a.id) AS r_done, pg_temp.rnd($1 || 'l' || a.id) AS r_late, pg_temp.rnd($1 || 's' || a.id) AS r_start
         FROM "Assignment" a JOIN gen_tasks g ON g.task_id = a."taskId" JOIN gen_diligence dl ON dl.unit_id = a."unitId"
         WHERE g.recurrence = 'ONCE'
       ), times AS (
         SELECT id,
                ((due - 40 + floor(r_start * 30)::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '9 hours' AS started,
                CASE WHEN r_done < d THEN
                  ((due + CASE WHEN r_late < d THEN -floor(r_late * 10)::int - 1 ELSE 1 + floor(r_late * 40)::int END)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
                  + interval '15 hours'
                END AS completed
         FROM plan
       )
       UPDATE "Assignment" a
       SET "startedAt" = CASE WHEN t.started <= $2::timestamptz THEN t.started AT TIME ZONE 'UTC' END,
           "completedAt" = CASE WHEN t.completed <= $2::timestamptz THEN t.completed AT TIME ZONE 'UTC' END,
           progress = CASE WHEN t.completed <= $2::timestamptz THEN 100 WHEN t.started <= $2::timestamptz THEN 50 ELSE 0 END
       FROM times t WHERE t.id = a.id`,
      [seed, nowIso],
    );
    // Approved extensions: a few late finishers had asked in time for 30 more days.
    const ext = await client.query(
      `WITH picked AS (
         SELECT a.id, a."dueDate" AS due, a."unitId"
         FROM "Assignment" a JOIN gen_tasks g ON g.task_id = a."taskId"
         WHERE g.recurrence = 'ONCE' AND a."completedAt" IS NOT NULL
           AND a."completedAt" >= ((a."dueDate" + 1)::timestamp - interval '7 hours') AND pg_temp.rnd($1 || 'x' || a.id) < 0.25
       ), ins AS (
         INSERT INTO "DeadlineExtension" ("assignmentId", "previousDueDate", "requestedDueDate", reason, status, "requestedById", "decidedById", "decidedAt", "createdAt")
         SELECT p.id, p.due, p.due + 30, 'Đơn vị đề nghị gia hạn do khối lượng công việc lớn (dữ liệu sinh).', 'APPROVED'::"ExtensionStatus",
                (SELECT id FROM "User" WHERE "unitId" = p."unitId" AND role = 'OFFICER' ORDER BY id LIMIT 1),
                (SELECT id FROM "User" WHERE username = 'chutich'),
                (p.due - 3)::timestamp + interval '2 hours', (p.due - 5)::timestamp + interval '2 hours'
         FROM picked p
         RETURNING "assignmentId", "requestedDueDate"
       )
       UPDATE "Assignment" a SET "dueDate" = ins."requestedDueDate" FROM ins WHERE ins."assignmentId" = a.id`,
      [seed],
    );
    log(`${ext.rowCount} approved extensions`);

    // ── Reports ──
    // Reviewers: the head of the task's lead department; the standing office's head for the lead's own reports.
    await client.query(`
      CREATE TEMP TABLE gen_people AS
      SELECT u.id AS unit_id,
             (SELECT id FROM "User" x WHERE x."unitId" = u.id AND x.role = 'OFFICER' ORDER BY id LIMIT 1) AS officer,
             (SELECT id FROM "User" x WHERE x."unitId" = u.id AND x.role = 'DEPARTMENT_HEAD' ORDER BY id LIMIT 1) AS head
      FROM gen_units u`);
    const standingHead =
      (
        await client.query<{ id: number }>(
          `SELECT x.id FROM "User" x JOIN "Unit" u ON u.id = x."unitId" WHERE u."isStandingOffice" AND x.role = 'DEPARTMENT_HEAD' ORDER BY x.id LIMIT 1`,
        )
      ).rows[0]?.id ?? null;
    const chairman = (await client.query<{ id: number }>(`SELECT id FROM "User" WHERE username = 'chutich'`)).rows[0]!
      .id;

    // One-off reports: what the assignment columns say, as the report actions would have left it.
    await client.query(
      `INSERT INTO "Report" ("assignmentId", "periodKey", kind, progress, content, status, version, "createdById", "createdAt", "updatedAt",
                             "submittedById", "submittedAt", "reviewedById", "reviewedAt", "completedAt")
       SELECT a.id, 'ONCE', 'PERIODIC'::"ReportKind", a.progress, 'Báo cáo kết quả thực hiện (dữ liệu sinh).',
              CASE WHEN a."completedAt" IS NOT NULL THEN 'APPROVED' WHEN pg_temp.rnd($1 || 'o' || a.id) < 0.5 THEN 'SUBMITTED' ELSE 'DRAFT' END::"ReportStatus",
              2, pp.officer, a."startedAt", a."startedAt",
              CASE WHEN a."completedAt" IS NOT NULL OR pg_temp.rnd($1 || 'o' || a.id) < 0.5 THEN pp.officer END,
              CASE WHEN a."completedAt" IS NOT NULL THEN a."completedAt" - interval '2 days'
                   WHEN pg_temp.rnd($1 || 'o' || a.id) < 0.5 THEN a."startedAt" + interval '1 day' END,
              CASE WHEN a."completedAt" IS NOT NULL THEN coalesce(CASE WHEN a."unitId" = g.lead_id THEN $2::int END, lp.head, $3::int) END,
              a."completedAt", a."completedAt"
       FROM "Assignment" a JOIN gen_tasks g ON g.task_id = a."taskId" JOIN gen_people pp ON pp.unit_id = a."unitId"
       LEFT JOIN gen_people lp ON lp.unit_id = g.lead_id
       WHERE g.recurrence = 'ONCE' AND a."startedAt" IS NOT NULL AND pp.officer IS NOT NULL`,
      [seed, standingHead ?? chairman, chairman],
    );
    await client.query(
      `CREATE TEMP TABLE gen_periods AS
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) AS p(recurrence, key, start_date, end_date)`,
      [
        periods.map((p) => p.recurrence),
        periods.map((p) => p.key),
        periods.map((p) => p.start),
        periods.map((p) => p.end),
      ],
    );
    // Recurring reports, period by period: sent (often a few days before the cut-off, sometimes after),
    // then approved two days later; what lies in the future of --now is not there yet.
    const reports = await client.query(
      `WITH plan AS (
         SELECT a.id, a."unitId" AS unit_id, g.lead_id, p.key, p.start_date, p.end_date, pp.officer, lp.head AS lead_head,
                (p.end_date - 1 - floor(pg_temp.rnd($1 || 'w' || a.id || p.key) * 8)::int
                   + CASE WHEN pg_temp.rnd($1 || 'v' || a.id || p.key) > dl.d THEN 3 + floor(pg_temp.rnd($1 || 'z' || a.id || p.key) * 10)::int ELSE 0 END
                )::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '10 hours' AS sent
         FROM "Assignment" a
         JOIN gen_tasks g ON g.task_id = a."taskId"
         JOIN gen_periods p ON p.recurrence = g.recurrence
         JOIN gen_diligence dl ON dl.unit_id = a."unitId"
         JOIN gen_units gu ON gu.id = a."unitId"
         JOIN gen_people pp ON pp.unit_id = a."unitId"
         LEFT JOIN gen_people lp ON lp.unit_id = g.lead_id
         WHERE pg_temp.rnd($1 || 'r' || a.id || p.key) < dl.d + 0.05
           AND (gu."validTo" IS NULL OR p.start_date <= gu."validTo")
           AND pp.officer IS NOT NULL
       )
       INSERT INTO "Report" ("assignmentId", "periodKey", "periodStart", "periodEnd", kind, progress, content, status, version,
                             "createdById", "createdAt", "updatedAt", "submittedById", "submittedAt", "reviewedById", "reviewedAt", "completedAt")
       SELECT id, key, start_date, end_date, 'PERIODIC'::"ReportKind", 100, 'Đã thực hiện trong kỳ (dữ liệu sinh).',
              CASE WHEN sent + interval '2 days' <= $2::timestamptz THEN 'APPROVED' ELSE 'SUBMITTED' END::"ReportStatus", 3,
              officer, (sent - interval '1 day') AT TIME ZONE 'UTC', (sent - interval '1 day') AT TIME ZONE 'UTC', officer, sent AT TIME ZONE 'UTC',
              CASE WHEN sent + interval '2 days' <= $2::timestamptz THEN coalesce(CASE WHEN unit_id = lead_id THEN $3::int END, lead_head, $4::int) END,
              CASE WHEN sent + interval '2 days' <= $2::timestamptz THEN (sent + interval '2 days') AT TIME ZONE 'UTC' END,
              CASE WHEN sent + interval '2 days' <= $2::timestamptz THEN (sent + interval '2 days') AT TIME ZONE 'UTC' END
       FROM plan WHERE sent - interval '1 day' <= $2::timestamptz`,
      [seed, nowIso, standingHead ?? chairman, chairman],
    );
    log(`${reports.rowCount} periodic reports`);
    // Continuous tasks: started by most units.
    await client.query(
      `UPDATE "Assignment" a SET "startedAt" = ($2::date::timestamp + interval '20 days') AT TIME ZONE 'UTC', progress = 30
       FROM gen_tasks g WHERE g.task_id = a."taskId" AND g.recurrence = 'CONTINUOUS' AND pg_temp.rnd($1 || 'k' || a.id) < 0.7`,
      [seed, yearStart],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const totals = await client.query<{ units: number; assignments: number; reports: number }>(
      `SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Assignment")::int AS assignments, (SELECT count(*) FROM "Report")::int AS reports`,
    );
    log(`done: ${JSON.stringify(totals.rows[0])} in the database; programme id ${programmeId}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

await main();
