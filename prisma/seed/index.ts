/**
 * Seeding. `seedDemo` builds the demo city (units, demo users, the NQ76 programme and reports in
 * every status); `ensureAdmin` is all a production start does on an empty database.
 * Both are idempotent: running them again changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../../lib/db';
import { HA_TINH_UNITS } from '../../lib/domain/ha-tinh-units';
import { periodContaining, previousPeriod } from '../../lib/domain/periods';
import { addDays, toDbDate, vnDateOf } from '../../lib/domain/time';
import { hashPassword } from '../../lib/password';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { NQ76_SECTIONS } from './nq76';
import { seedTargets } from './targets';
import { drawFor, seedYearPlan, type PlanReport, type ReportWriter } from './year-plan';

export const NQ76_TITLE =
  'Triển khai Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030';
const ISSUING_BODY = 'UBND thành phố Hà Tĩnh';
const SEED_VALID_FROM = toDbDate('2021-01-01');

export async function seedUnits(db: PrismaClient): Promise<Map<string, number>> {
  for (const unit of HA_TINH_UNITS) {
    await db.unit.upsert({
      where: { code: unit.code },
      update: {},
      create: {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        validFrom: SEED_VALID_FROM,
        isStandingOffice: unit.code === 'NV',
      },
    });
  }
  const units = await db.unit.findMany({ select: { id: true, code: true } });
  return new Map(units.map((u) => [u.code, u.id]));
}

/** Creates the administrator if no active administrator exists. */
export async function ensureAdmin(
  db: PrismaClient,
  {
    username,
    password,
    displayName = 'Quản trị hệ thống',
  }: { username: string; password: string; displayName?: string },
): Promise<'created' | 'exists'> {
  const existing = await db.user.count({ where: { role: 'ADMIN', active: true } });
  if (existing > 0) return 'exists';
  // Only the standing office the administrator belongs to; the city's units are set up from the UI.
  const office =
    (await db.unit.findFirst({ where: { isStandingOffice: true }, select: { id: true } })) ??
    (await db.unit.create({
      data: {
        code: 'NV',
        name: 'Phòng Nội vụ',
        kind: 'DEPARTMENT',
        validFrom: SEED_VALID_FROM,
        isStandingOffice: true,
      },
      select: { id: true },
    }));
  const unitId = office.id;
  await db.user.create({
    data: { username, displayName, role: 'ADMIN', unitId, passwordHash: await hashPassword(password) },
  });
  return 'created';
}

type Ids = { units: Map<string, number>; users: Map<string, number> };

export async function seedDemo(db: PrismaClient, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  const units = await seedUnits(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const unitId = units.get(u.unitCode);
    if (!unitId) throw new Error(`Unknown unit ${u.unitCode}`);
    await db.user.upsert({
      where: { username: u.username },
      update: {},
      create: {
        username: u.username,
        displayName: u.displayName,
        jobTitle: u.jobTitle,
        role: u.role,
        unitId,
        passwordHash,
      },
    });
  }
  const users = new Map(
    (await db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]),
  );

  const existing = await db.programme.findFirst({
    where: { title: NQ76_TITLE, issuingBody: ISSUING_BODY },
    select: { id: true },
  });
  if (!existing) {
    await db.$transaction(
      async (tx) => {
        await seedProgramme(tx as unknown as PrismaClient, { units, users });
        await seedReports(tx as unknown as PrismaClient, { units, users }, now);
        // Last year's plan, then this year's: the trend's past quarters show the work moving.
        for (const yearsAgo of [1, 0] as const)
          await seedYearPlan(
            tx as unknown as PrismaClient,
            { units, users },
            now,
            reportWriter(tx as unknown as PrismaClient, { units, users }, now),
            { yearsAgo },
          );
      },
      // About 750 assignments and 600 reports with their trails, once: minutes on a busy machine.
      { timeout: 300_000 },
    );
  }
  // The resolution's targets (chỉ tiêu) and their demo values, after the NQ76 programme (which
  // stays the first): their own module, idempotent by itself.
  await seedTargets(db, { units, users }, now);
}

async function seedProgramme(db: PrismaClient, ids: Ids): Promise<void> {
  const sourceText = fs.readFileSync(
    path.join(import.meta.dirname, 'chi-dao-trien-khai-nq76-thanh-pho-ha-tinh.txt'),
    'utf8',
  );
  const reporting = HA_TINH_UNITS.filter((u) => u.kind !== 'LEADERSHIP').map((u) => u.code);
  const programme = await db.programme.create({
    data: {
      title: NQ76_TITLE,
      issuingBody: ISSUING_BODY,
      summary:
        'Chỉ đạo triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ: quán triệt, chỉ đạo thực hiện và bố trí nguồn lực cho cải cách hành chính tại thành phố.',
      periodStart: toDbDate('2021-07-15'),
      periodEnd: toDbDate('2030-12-31'),
      sourceText,
      createdById: ids.users.get('admin') ?? null,
    },
  });
  for (const [sectionIndex, section] of NQ76_SECTIONS.entries()) {
    const createdSection = await db.section.create({
      data: { programmeId: programme.id, numeral: section.numeral, title: section.title, order: sectionIndex + 1 },
    });
    for (const [taskIndex, task] of section.tasks.entries()) {
      const dueDate = task.dueDate ? toDbDate(task.dueDate) : null;
      const createdTask = await db.task.create({
        data: {
          programmeId: programme.id,
          sectionId: createdSection.id,
          number: task.number,
          order: taskIndex + 1,
          title: task.title,
          text: task.text,
          reformArea: task.reformArea ?? null,
          dueDate,
          recurrence: task.recurrence,
        },
      });
      const assignments: { unitCode: string; role: 'LEAD' | 'COORDINATING' | 'IMPLEMENTING' }[] = [];
      if (task.lead) assignments.push({ unitCode: task.lead, role: 'LEAD' });
      if (task.coordinating === 'ALL_OTHERS') {
        for (const code of reporting)
          if (code !== task.lead) assignments.push({ unitCode: code, role: 'COORDINATING' });
      }
      if (task.collective === 'ALL') {
        for (const code of reporting)
          if (code !== task.lead) assignments.push({ unitCode: code, role: 'IMPLEMENTING' });
      }
      await db.assignment.createMany({
        data: assignments.map((a) => ({
          taskId: createdTask.id,
          unitId: unitId(ids, a.unitCode),
          role: a.role,
          dueDate,
          originalDueDate: dueDate,
        })),
      });
    }
  }
}

function unitId(ids: Ids, code: string): number {
  const id = ids.units.get(code);
  if (id === undefined) throw new Error(`Unknown unit ${code}`);
  return id;
}

function userId(ids: Ids, username: string): number {
  const id = ids.users.get(username);
  if (id === undefined) throw new Error(`Unknown user ${username}`);
  return id;
}

type DemoReport = PlanReport & { section: string; task: string; unit: string };

/** 09:00 in Vietnam on that calendar day. */
function at(date: string, hour = 9): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
}

/**
 * About `hours` before now, in office hours and in the past: a day before today for each 24 hours
 * (plus one), at 08:00–16:00. The same clock time whenever the demo is seeded that day ("Gửi lúc
 * 13:00" in the inbox rather than the minute of seeding), so the kept screenshots (decision 027)
 * do not change hour by hour, and no report reads as sent at 3 in the morning.
 */
function hoursBefore(today: string, hours: number): Date {
  return at(addDays(today, -(Math.floor(hours / 24) + 1)), 8 + ((hours % 24) % 9));
}

async function seedReports(db: PrismaClient, ids: Ids, now: Date): Promise<void> {
  const today = vnDateOf(now);
  const monthly = periodContaining('MONTHLY', today);
  const lastMonth = previousPeriod(monthly);
  const year = periodContaining('YEARLY', today);
  if (!lastMonth) throw new Error('No previous monthly period');

  const reports: DemoReport[] = [
    // I.1 — one-off, due 15/9/2021: one unit on time, one late, one on time thanks to an extension,
    // one waiting for review, one returned, one draft; the rest owe it (overdue).
    {
      section: 'I',
      task: '1',
      unit: 'P-TRANPHU',
      status: 'APPROVED',
      progress: 100,
      author: 'cb.tranphu',
      reviewer: 'tp.noivu',
      content:
        'Đã tổ chức hội nghị quán triệt Nghị quyết 76/NQ-CP cho 100% cán bộ, công chức phường (42/42 người) theo hình thức trực tuyến kết hợp trực tiếp, bảo đảm phòng chống dịch Covid-19.',
      submittedAt: at('2021-09-08'),
      reviewedAt: at('2021-09-10', 14),
      completes: true,
    },
    {
      section: 'I',
      task: '1',
      unit: 'P-NAMHA',
      status: 'APPROVED',
      progress: 100,
      author: 'cb.namha',
      reviewer: 'tp.noivu',
      content: 'Đã quán triệt Nghị quyết tại hội nghị giao ban mở rộng của phường ngày 28/9/2021.',
      submittedAt: at('2021-09-29'),
      reviewedAt: at('2021-10-05', 10),
      completes: true,
    },
    {
      section: 'I',
      task: '1',
      unit: 'P-THACHQUY',
      status: 'APPROVED',
      progress: 100,
      author: 'cb.thachquy',
      reviewer: 'tp.noivu',
      content: 'Đã quán triệt trong tháng 10/2021 sau khi được gia hạn do phường thực hiện giãn cách xã hội.',
      submittedAt: at('2021-10-18'),
      reviewedAt: at('2021-10-20', 15),
      completes: true,
    },
    {
      section: 'I',
      task: '1',
      unit: 'VHTT',
      status: 'APPROVED',
      progress: 100,
      author: 'cb.vhtt',
      reviewer: 'tp.noivu',
      content: 'Phòng đã quán triệt đến toàn thể công chức, viên chức phòng và Trung tâm Văn hóa – Truyền thông.',
      submittedAt: at('2021-09-06'),
      reviewedAt: at('2021-09-07', 11),
      completes: true,
    },
    {
      section: 'I',
      task: '1',
      unit: 'X-THACHHA',
      status: 'SUBMITTED',
      progress: 100,
      author: 'cb.thachha',
      content: 'Xã đã tổ chức quán triệt bổ sung cho công chức mới tuyển dụng.',
      noEvidenceReason: 'Biên bản hội nghị đã gửi bản giấy về Phòng Nội vụ ngày 20/11.',
      submittedAt: hoursBefore(today, 50),
    },
    {
      section: 'I',
      task: '1',
      unit: 'NV',
      status: 'SUBMITTED',
      progress: 90,
      author: 'cb.noivu',
      content: 'Đã quán triệt cho công chức phòng; còn 01 công chức đi học chưa tham dự.',
      submittedAt: hoursBefore(today, 26),
    },
    {
      section: 'I',
      task: '1',
      unit: 'P-BACHA',
      status: 'RETURNED',
      progress: 100,
      author: 'cb.bacha',
      reviewer: 'tp.noivu',
      content: 'Đã quán triệt.',
      submittedAt: hoursBefore(today, 120),
      reviewedAt: hoursBefore(today, 96),
      reviewComment:
        'Báo cáo chưa nêu số lượng cán bộ được quán triệt và chưa có tài liệu kiểm chứng (biên bản, danh sách).',
    },
    {
      section: 'I',
      task: '1',
      unit: 'P-NGUYENDU',
      status: 'DRAFT',
      progress: 60,
      author: 'cb.nguyendu',
      content: 'Đã quán triệt cho khối cơ quan phường; đang tổ chức cho các tổ dân phố.',
    },
    // I.2 — led by the standing office, no deadline: done.
    {
      section: 'I',
      task: '2',
      unit: 'NV',
      status: 'APPROVED',
      progress: 100,
      author: 'cb.noivu',
      reviewer: 'chutich',
      content: 'Đã tham mưu UBND thành phố ban hành Chương trình tổng thể CCHC giai đoạn 2021-2030 của thành phố.',
      submittedAt: at('2021-12-15'),
      reviewedAt: at('2021-12-20', 16),
      completes: true,
    },
    // I.3 — every unit, no deadline: some started, most not.
    {
      section: 'I',
      task: '3',
      unit: 'P-TRANPHU',
      status: 'DRAFT',
      progress: 40,
      author: 'cb.tranphu',
      content: 'Đang xây dựng đề án "Phường Trần Phú một cửa số" để đề xuất đưa vào Chương trình.',
    },
    {
      section: 'I',
      task: '3',
      unit: 'X-THACHHA',
      status: 'SUBMITTED',
      progress: 30,
      author: 'cb.thachha',
      content: 'Xã đề xuất mô hình "Tổ công nghệ số cộng đồng" hỗ trợ người dân nộp hồ sơ trực tuyến.',
      difficulties: 'Thiếu kinh phí mua thiết bị cho tổ công nghệ số.',
      submittedAt: hoursBefore(today, 5),
    },
    // I.6 — monthly: last month and this month.
    {
      section: 'I',
      task: '6',
      unit: 'P-TRANPHU',
      period: lastMonth,
      status: 'APPROVED',
      progress: 100,
      author: 'cb.tranphu',
      reviewer: 'tp.noivu',
      content: 'Đã đưa nội dung CCHC vào giao ban tháng; kiểm tra 02 bộ phận chuyên môn.',
      submittedAt: at(addDays(lastMonth.end, -3)),
      reviewedAt: at(addDays(lastMonth.end, -1), 15),
      completes: true,
    },
    {
      section: 'I',
      task: '6',
      unit: 'P-NAMHA',
      period: lastMonth,
      status: 'APPROVED',
      progress: 100,
      author: 'cb.namha',
      reviewer: 'tp.noivu',
      content: 'Đã thảo luận chuyên đề CCHC tại giao ban tháng.',
      submittedAt: at(addDays(lastMonth.end, 2)),
      reviewedAt: at(addDays(lastMonth.end, 4), 9),
      completes: true,
      returns: [{ at: at(addDays(lastMonth.end, 1), 8), reason: 'Đề nghị bổ sung biên bản cuộc họp giao ban.' }],
    },
    {
      section: 'I',
      task: '6',
      unit: 'X-THACHHA',
      period: lastMonth,
      status: 'SUBMITTED',
      progress: 100,
      author: 'cb.thachha',
      content: 'Đã lồng ghép nội dung CCHC trong giao ban tháng của xã.',
      submittedAt: hoursBefore(today, 70),
    },
    {
      section: 'I',
      task: '6',
      unit: 'P-TRANPHU',
      period: monthly,
      status: 'DRAFT',
      progress: 50,
      author: 'cb.tranphu',
      content: 'Đã kiểm tra Bộ phận một cửa; chuẩn bị nội dung giao ban tháng.',
    },
    // I.8 — the culture office leads; its own report goes to the standing office.
    {
      section: 'I',
      task: '8',
      unit: 'VHTT',
      status: 'SUBMITTED',
      progress: 70,
      author: 'cb.vhtt',
      content:
        'Đã phối hợp đăng 24 tin, bài về Nghị quyết 76 trên Cổng thông tin điện tử và hệ thống truyền thanh cơ sở.',
      submittedAt: hoursBefore(today, 30),
    },
    // II.1 — yearly, this year.
    {
      section: 'II',
      task: '1',
      unit: 'P-TRANPHU',
      period: year,
      status: 'SUBMITTED',
      progress: 80,
      author: 'cb.tranphu',
      content: 'Đã bố trí 120 triệu đồng cho công tác CCHC năm nay, giải ngân 80%.',
      submittedAt: hoursBefore(today, 8),
    },
    {
      section: 'II',
      task: '1',
      unit: 'TCKH',
      period: year,
      status: 'APPROVED',
      progress: 100,
      author: 'cb.tckh',
      reviewer: 'tp.noivu',
      content: 'Đã tham mưu bố trí kinh phí CCHC trong dự toán ngân sách thành phố.',
      submittedAt: at(addDays(year.start, 40)),
      reviewedAt: at(addDays(year.start, 45)),
      completes: true,
    },
  ];

  const write = reportWriter(db, ids, now);
  for (const r of reports) {
    const assignment = await findAssignment(db, ids, r.section, r.task, r.unit);
    await write(assignment.id, assignment.task.recurrence, r);
  }

  // The other units' I.1 (quán triệt, due 15/9/2021): most did it in 2021, on time or a little late;
  // a few never reported and are overdue.
  await backfillQuanTriet(
    db,
    ids,
    write,
    reports.filter((r) => r.section === 'I' && r.task === '1').map((r) => r.unit),
  );
  await backfillOtherUnits(db, ids, write, now);

  // An approved extension (I.1, Thạch Quý: 15/9 → 31/10/2021) and a pending one (I.1, Nguyễn Du).
  const quy = await findAssignment(db, ids, 'I', '1', 'P-THACHQUY');
  await db.deadlineExtension.create({
    data: {
      assignmentId: quy.id,
      previousDueDate: toDbDate('2021-09-15'),
      requestedDueDate: toDbDate('2021-10-31'),
      reason: 'Phường thực hiện giãn cách xã hội theo Chỉ thị 16, không tổ chức được hội nghị tập trung.',
      status: 'APPROVED',
      requestedById: userId(ids, 'cb.thachquy'),
      decidedById: userId(ids, 'chutich'),
      decidedAt: at('2021-09-12'),
      createdAt: at('2021-09-10'),
    },
  });
  await db.assignment.update({ where: { id: quy.id }, data: { dueDate: toDbDate('2021-10-31') } });
  const du = await findAssignment(db, ids, 'I', '1', 'P-NGUYENDU');
  await db.deadlineExtension.create({
    data: {
      assignmentId: du.id,
      previousDueDate: toDbDate('2021-09-15'),
      requestedDueDate: toDbDate(addDays(today, 30)),
      reason: 'Phường đang tổ chức quán triệt tại các tổ dân phố, cần thêm thời gian để hoàn thành.',
      requestedById: userId(ids, 'cb.nguyendu'),
      createdAt: hoursBefore(today, 20),
    },
  });
}

/** Writes one demo report with its reviews, its audit trail and the assignment's status columns. */
function reportWriter(db: PrismaClient, ids: Ids, now: Date): ReportWriter {
  const today = vnDateOf(now);
  return async (assignmentId, recurrence, r) => {
    const created = await db.report.create({
      data: {
        assignmentId,
        periodKey: r.period?.key ?? (recurrence === 'CONTINUOUS' ? 'CONTINUOUS' : 'ONCE'),
        periodStart: r.period ? toDbDate(r.period.start) : null,
        periodEnd: r.period ? toDbDate(r.period.end) : null,
        progress: r.progress,
        content: r.content,
        difficulties: r.difficulties ?? null,
        noEvidenceReason: r.noEvidenceReason ?? null,
        status: r.status,
        version: 1 + (r.submittedAt ? 1 : 0) + (r.reviewedAt ? 1 : 0) + (r.returns?.length ?? 0) * 2,
        createdById: userId(ids, r.author),
        submittedById: r.submittedAt ? userId(ids, r.author) : null,
        submittedAt: r.submittedAt ?? null,
        reviewedById: r.reviewer && r.reviewedAt ? userId(ids, r.reviewer) : null,
        reviewedAt: r.reviewedAt ?? null,
        reviewComment: r.reviewComment ?? null,
        completedAt: r.completes && r.reviewedAt ? r.reviewedAt : null,
        createdAt: r.submittedAt ? addHours(r.submittedAt, -2) : hoursBefore(today, 3),
      },
    });
    const events: { at: Date; action: string; actor: string; data?: object }[] = [];
    events.push({
      at: created.createdAt,
      action: 'report.draft_saved',
      actor: r.author,
      data: { progress: r.progress },
    });
    for (const ret of r.returns ?? []) {
      const submitted = addHours(ret.at, -20);
      events.push({ at: submitted, action: 'report.submitted', actor: r.author });
      events.push({
        at: ret.at,
        action: 'report.returned',
        actor: r.reviewer ?? 'tp.noivu',
        data: { reason: ret.reason },
      });
      await db.reportReview.create({
        data: {
          reportId: created.id,
          reviewerId: userId(ids, r.reviewer ?? 'tp.noivu'),
          decision: 'RETURNED',
          comment: ret.reason,
          reportVersion: 2,
          createdAt: ret.at,
        },
      });
    }
    if (r.submittedAt) events.push({ at: r.submittedAt, action: 'report.submitted', actor: r.author });
    if (r.reviewedAt && r.reviewer) {
      const decision = r.status === 'APPROVED' ? 'APPROVED' : 'RETURNED';
      events.push({
        at: r.reviewedAt,
        action: decision === 'APPROVED' ? 'report.approved' : 'report.returned',
        actor: r.reviewer,
        data: r.reviewComment ? { reason: r.reviewComment } : undefined,
      });
      await db.reportReview.create({
        data: {
          reportId: created.id,
          reviewerId: userId(ids, r.reviewer),
          decision,
          comment: r.reviewComment ?? null,
          reportVersion: created.version - 1,
          createdAt: r.reviewedAt,
        },
      });
    }
    await db.auditEvent.createMany({
      data: events.map((e) => ({
        at: e.at,
        actorId: userId(ids, e.actor),
        action: e.action,
        entityType: 'Report',
        entityId: String(created.id),
        reportId: created.id,
        data: e.data ?? undefined,
      })),
    });
    // Keep the assignment's status columns current, as the report actions do (one-off tasks only:
    // a recurring task's status is per period, from its reports).
    if (recurrence === 'ONCE' || recurrence === 'CONTINUOUS') {
      await db.assignment.update({
        where: { id: assignmentId },
        data: {
          ...(r.status === 'DRAFT' ? {} : { progress: r.progress }),
          startedAt: r.submittedAt ?? created.createdAt,
          completedAt: r.completes && r.reviewedAt ? r.reviewedAt : null,
        },
      });
    }
  };
}

/** Units that never reported I.1 and are still overdue on it (wards, a commune, a department). */
const I1_NEVER_REPORTED = ['P-HAHUYTAP', 'P-VANYEN', 'X-THACHBINH', 'TNMT'];

/** I.1 for the units the hand-written reports above leave out: on time, every fifth late, or never. */
async function backfillQuanTriet(db: PrismaClient, ids: Ids, write: ReportWriter, written: string[]): Promise<void> {
  const others = HA_TINH_UNITS.filter(
    (u) => u.kind !== 'LEADERSHIP' && !written.includes(u.code) && !I1_NEVER_REPORTED.includes(u.code),
  );
  for (const [i, unit] of others.entries()) {
    const submitted =
      i % 5 === 4 ? `2021-10-${String(4 + i).padStart(2, '0')}` : `2021-09-${String(1 + (i % 14)).padStart(2, '0')}`;
    const assignment = await findAssignment(db, ids, 'I', '1', unit.code);
    await write(assignment.id, 'ONCE', {
      status: 'APPROVED',
      progress: 100,
      author: 'cb.noivu',
      reviewer: 'tp.noivu',
      content: `${unit.name} đã tổ chức quán triệt Nghị quyết 76/NQ-CP đến toàn thể cán bộ, công chức, viên chức.`,
      submittedAt: at(submitted),
      reviewedAt: at(submitted, 16),
      completes: true,
    });
  }
}

/**
 * The rest of NQ76 for the units without a demo user (the demo users' units keep exactly the
 * hand-written reports above, which the tests walk through): most coordinated I.2 in 2021, did
 * I.3 and I.4 in 2022, keep reporting on the continuous tasks, and part of them reported this
 * month's and this year's periods. Fixed per unit and task (draw), so every seed gives the same.
 */
async function backfillOtherUnits(db: PrismaClient, ids: Ids, write: ReportWriter, now: Date): Promise<void> {
  const today = vnDateOf(now);
  const month = periodContaining('MONTHLY', today);
  const year = periodContaining('YEARLY', today);
  const withDemoUser = new Set(DEMO_USERS.map((u) => u.unitCode));
  const units = HA_TINH_UNITS.filter((u) => u.kind !== 'LEADERSHIP' && !withDemoUser.has(u.code));
  const done = (content: string, submitted: string): PlanReport => ({
    status: 'APPROVED',
    progress: 100,
    author: 'cb.noivu',
    reviewer: 'tp.noivu',
    content,
    submittedAt: at(submitted),
    reviewedAt: at(submitted, 16),
    completes: true,
  });
  for (const unit of units) {
    const plan: { task: string; section?: string; report: (r: number) => PlanReport | null }[] = [
      {
        task: '2',
        report: (r) =>
          r < 0.9
            ? done(
                'Đã góp ý dự thảo Chương trình tổng thể CCHC của thành phố.',
                `2021-12-${String(1 + Math.floor(r * 12)).padStart(2, '0')}`,
              )
            : null,
      },
      {
        task: '3',
        report: (r) =>
          r < 0.85
            ? done('Đã đề xuất đề án, nội dung trọng tâm đưa vào Chương trình.', `2022-0${1 + Math.floor(r * 9)}-12`)
            : r < 0.9
              ? { status: 'DRAFT', progress: 50, author: 'cb.noivu', content: 'Đang xây dựng đề xuất.' }
              : null,
      },
      {
        task: '4',
        report: (r) =>
          r < 0.8
            ? done(
                'Đã tham mưu ban hành văn bản chỉ đạo đẩy mạnh CCHC.',
                `2022-${String(3 + Math.floor(r * 12)).padStart(2, '0')}-20`.replace(/^2022-1([3-5])/, '2023-0$1'),
              )
            : null,
      },
      // The continuous tasks: most units reported this year's work complete and had it approved;
      // some reported part of it; the laggards nothing.
      ...['5', '7'].map((task) => ({
        task,
        report: (r: number): PlanReport | null =>
          r < 0.85
            ? {
                status: 'APPROVED',
                progress: r < 0.75 ? 100 : 60 + Math.floor(r * 40),
                author: 'cb.noivu',
                reviewer: 'tp.noivu',
                content:
                  r < 0.75
                    ? 'Đơn vị đã triển khai đầy đủ các nội dung trong năm; kết quả đã báo cáo kèm tài liệu kiểm chứng.'
                    : 'Đơn vị thường xuyên triển khai; kết quả đã báo cáo trong kỳ.',
                submittedAt: at(addDays(today, -20 - Math.floor(r * 60))),
                reviewedAt: at(addDays(today, -18 - Math.floor(r * 60)), 15),
                completes: r < 0.75,
              }
            : null,
      })),
      // This month's report: more than half approved already, some waiting for approval.
      {
        task: '6',
        report: (r) =>
          r < 0.8
            ? {
                period: month,
                status: r < 0.6 ? 'APPROVED' : 'SUBMITTED',
                progress: 100,
                author: 'cb.noivu',
                reviewer: r < 0.6 ? 'tp.noivu' : undefined,
                content: 'Đã đưa chuyên đề CCHC vào giao ban tháng.',
                submittedAt: hoursBefore(today, 24 + Math.floor(r * 100)),
                reviewedAt: r < 0.6 ? addHours(hoursBefore(today, 24 + Math.floor(r * 100)), 2) : undefined,
                completes: r < 0.6,
              }
            : null,
      },
      ...['1', '2'].map((task) => ({
        task,
        section: 'II',
        report: (r: number): PlanReport | null =>
          r < 0.88 && addDays(year.start, 60) < today
            ? {
                ...done(
                  'Đã bố trí kinh phí và nhân lực cho CCHC trong năm.',
                  addDays(year.start, 40 + Math.floor(r * 20)),
                ),
                period: year,
              }
            : null,
      })),
    ];
    for (const p of plan) {
      const report = p.report(drawFor(unit.code, 'NQ76', p.section ?? 'I', p.task));
      if (!report) continue;
      const assignment = await findAssignment(db, ids, p.section ?? 'I', p.task, unit.code);
      await write(assignment.id, assignment.task.recurrence, report);
    }
  }
}

function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * 3_600_000);
}

async function findAssignment(db: PrismaClient, ids: Ids, section: string, task: string, unit: string) {
  const found = await db.assignment.findFirst({
    where: {
      unitId: unitId(ids, unit),
      task: { number: task, section: { numeral: section, programme: { title: NQ76_TITLE } } },
    },
    select: { id: true, progress: true, task: { select: { recurrence: true } } },
  });
  if (!found) throw new Error(`No assignment ${section}.${task} for ${unit}`);
  return found;
}
