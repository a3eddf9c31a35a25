/**
 * The demo city's own yearly plan ("Kế hoạch cải cách hành chính năm YYYY"), so that a newcomer's
 * dashboard shows a city in the middle of its programme: deadlines spread from about ten months ago
 * to three months ahead of the seeding day, about two thirds of the due work done (some of it late),
 * some overdue, some returned, quarterly reports through the past year.
 *
 * Everything is computed from `now` (the seeding moment), so the demo stays alive whenever it is
 * seeded, and from a fixed hash of unit and task, so two seeds on the same day give the same data.
 * The NQ76 directive itself (nq76.ts) stays exactly as its text reads: the import must reproduce it.
 */
import type { PrismaClient } from '../../lib/db';
import type { Recurrence, ReformArea } from '../../lib/generated/prisma/enums';
import { HA_TINH_UNITS } from '../../lib/domain/ha-tinh-units';
import { nextPeriod, periodContaining, type Period } from '../../lib/domain/periods';
import { addDays, daysBetween, toDbDate, vnDateOf, type IsoDate } from '../../lib/domain/time';

export type PlanIds = { units: Map<string, number>; users: Map<string, number> };

/** Writes one report with its review history and audit trail (shared with the NQ76 reports). */
export type ReportWriter = (assignmentId: number, recurrence: Recurrence, report: PlanReport) => Promise<void>;

export type PlanReport = {
  period?: Period;
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED';
  progress: number;
  content: string;
  difficulties?: string;
  noEvidenceReason?: string;
  author: string;
  reviewer?: string;
  submittedAt?: Date;
  reviewedAt?: Date;
  reviewComment?: string;
  returns?: { at: Date; reason: string }[];
  completes?: boolean;
};

type PlanTask = {
  section: string;
  number: string;
  title: string;
  text: string;
  lead?: string;
  /** Days from the seeding day to the deadline (one-off tasks). */
  dueIn?: number;
  recurrence: Recurrence;
  reformArea: ReformArea;
  /** What a unit writes when it reports. */
  done: string;
  partial: string;
};

export const PLAN_SECTIONS: { numeral: string; title: string }[] = [
  { numeral: '1', title: 'Công tác chỉ đạo, điều hành cải cách hành chính' },
  { numeral: '2', title: 'Cải cách thủ tục hành chính' },
  { numeral: '3', title: 'Xây dựng chính quyền điện tử, chính quyền số' },
];

const PLAN_TASKS: PlanTask[] = [
  {
    section: '1',
    number: '1',
    title: 'Ban hành kế hoạch cải cách hành chính năm của đơn vị',
    text: 'Các đơn vị, địa phương ban hành kế hoạch cải cách hành chính năm của đơn vị, gửi về Phòng Nội vụ để tổng hợp.',
    dueIn: -300,
    recurrence: 'ONCE',
    reformArea: 'ORGANISATION',
    done: 'Đã ban hành kế hoạch CCHC năm của đơn vị và gửi Phòng Nội vụ.',
    partial: 'Đang hoàn thiện dự thảo kế hoạch CCHC năm.',
  },
  {
    section: '1',
    number: '2',
    title: 'Tự đánh giá, chấm điểm Chỉ số cải cách hành chính',
    text: 'Các đơn vị, địa phương tự đánh giá, chấm điểm Chỉ số cải cách hành chính kèm tài liệu kiểm chứng, gửi Phòng Nội vụ thẩm định.',
    dueIn: -150,
    recurrence: 'ONCE',
    reformArea: 'ORGANISATION',
    done: 'Đã hoàn thành tự chấm điểm Chỉ số CCHC, gửi kèm 46 tài liệu kiểm chứng.',
    partial: 'Đã chấm điểm 6/8 lĩnh vực; đang bổ sung tài liệu kiểm chứng.',
  },
  {
    section: '1',
    number: '3',
    title: 'Báo cáo kết quả cải cách hành chính hằng quý',
    text: 'Các đơn vị, địa phương báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính hằng quý theo đề cương của Phòng Nội vụ.',
    recurrence: 'QUARTERLY',
    reformArea: 'ORGANISATION',
    done: 'Đã báo cáo kết quả CCHC quý theo đề cương.',
    partial: 'Đang tổng hợp số liệu báo cáo quý.',
  },
  {
    section: '2',
    number: '1',
    title: 'Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền',
    text: 'Rà soát, đề xuất đơn giản hóa các thủ tục hành chính thuộc thẩm quyền giải quyết, gửi Phòng Tư pháp tổng hợp.',
    dueIn: -90,
    recurrence: 'ONCE',
    reformArea: 'ADMIN_PROCEDURES',
    done: 'Đã rà soát 38 thủ tục, đề xuất đơn giản hóa 5 thủ tục.',
    partial: 'Đã rà soát 20/38 thủ tục hành chính.',
  },
  {
    section: '2',
    number: '2',
    title: 'Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa',
    text: 'Niêm yết công khai, đầy đủ, đúng quy định các thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả và trên Cổng thông tin điện tử.',
    dueIn: -30,
    recurrence: 'ONCE',
    reformArea: 'ADMIN_PROCEDURES',
    done: 'Đã niêm yết đầy đủ thủ tục hành chính tại Bộ phận một cửa và trên Cổng thông tin.',
    partial: 'Đã niêm yết tại Bộ phận một cửa; chưa cập nhật trên Cổng thông tin.',
  },
  {
    section: '2',
    number: '3',
    title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    text: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực, bảo đảm tỷ lệ theo chỉ tiêu của tỉnh.',
    dueIn: 2,
    recurrence: 'ONCE',
    reformArea: 'DIGITAL_GOVERNMENT',
    done: 'Đã số hóa 100% hồ sơ, kết quả giải quyết TTHC còn hiệu lực.',
    partial: 'Đã số hóa 70% hồ sơ, kết quả giải quyết TTHC.',
  },
  {
    section: '3',
    number: '1',
    title: 'Xây dựng kho dữ liệu dùng chung của thành phố',
    text: 'Phòng Nội vụ chủ trì, phối hợp với các đơn vị, địa phương xây dựng kho dữ liệu dùng chung phục vụ chỉ đạo, điều hành.',
    lead: 'NV',
    dueIn: 25,
    recurrence: 'ONCE',
    reformArea: 'DIGITAL_GOVERNMENT',
    done: 'Đã đưa kho dữ liệu dùng chung vào vận hành.',
    partial: 'Đã hoàn thành thiết kế kho dữ liệu; đang nhập dữ liệu của các đơn vị.',
  },
  {
    section: '3',
    number: '2',
    title: 'Nâng tỷ lệ hồ sơ nộp trực tuyến toàn trình',
    text: 'Hướng dẫn, hỗ trợ người dân, doanh nghiệp nộp hồ sơ trực tuyến toàn trình, bảo đảm tỷ lệ trên 80% số hồ sơ đủ điều kiện.',
    dueIn: 75,
    recurrence: 'ONCE',
    reformArea: 'DIGITAL_GOVERNMENT',
    done: 'Tỷ lệ hồ sơ nộp trực tuyến toàn trình đạt 84%.',
    partial: 'Tỷ lệ hồ sơ nộp trực tuyến toàn trình đạt 62%.',
  },
];

/** A fixed number in [0, 1) for a unit and a task: the same on every seed. */
export function draw(...parts: string[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 2 ** 32;
}

/**
 * How diligent a unit is, from −0.25 (lags behind) to +0.25 (leads), fixed per unit: every draw
 * about that unit's work is shifted by it, so the ranking shows a few leaders and a few laggards
 * instead of 27 units averaging out near the middle.
 */
export function diligence(unit: string): number {
  return (draw(unit, 'diligence') - 0.5) / 2;
}

/** `draw` for a unit's work, shifted by its diligence (a low number is good work). */
export function drawFor(unit: string, ...parts: string[]): number {
  return Math.min(0.9999, Math.max(0, draw(unit, ...parts) - diligence(unit)));
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** 09:00 (or `hour`) in Vietnam on that calendar day. */
function at(date: IsoDate, hour = 9): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
}

/** Who writes the demo reports of a unit: its demo officer if it has one, else the standing office's. */
const AUTHORS: Record<string, string> = {
  'P-TRANPHU': 'cb.tranphu',
  'P-NAMHA': 'cb.namha',
  'P-BACHA': 'cb.bacha',
  'P-NGUYENDU': 'cb.nguyendu',
  'P-THACHQUY': 'cb.thachquy',
  'X-THACHHA': 'cb.thachha',
  NV: 'cb.noivu',
  VHTT: 'cb.vhtt',
  TCKH: 'cb.tckh',
};

export const PLAN_TITLE_PREFIX = 'Kế hoạch cải cách hành chính năm';

/**
 * Seeds this year's plan (`yearsAgo` 0: issued 330 days ago, deadlines from 300 days ago to 75 days
 * ahead) or last year's (`yearsAgo` 1: the same one-off tasks a year earlier, all past due, most of
 * them done), so the trend's past quarters show the city working through a plan, not a flat line.
 */
export async function seedYearPlan(
  db: PrismaClient,
  ids: PlanIds,
  now: Date,
  write: ReportWriter,
  { yearsAgo = 0 }: { yearsAgo?: 0 | 1 } = {},
): Promise<void> {
  const today = vnDateOf(now);
  const shift = -365 * yearsAgo;
  const issuedOn = addDays(today, -330 + shift);
  const year = issuedOn.slice(0, 4);
  // Last year's plan keeps only its one-off tasks: its quarterly reports would be periods of a closed plan.
  const tasks = yearsAgo ? PLAN_TASKS.filter((t) => t.recurrence === 'ONCE') : PLAN_TASKS;
  const reporting = HA_TINH_UNITS.filter((u) => u.kind !== 'LEADERSHIP').map((u) => u.code);
  const admin = ids.users.get('admin') ?? null;
  const programme = await db.programme.create({
    data: {
      title: `${PLAN_TITLE_PREFIX} ${year} của thành phố`,
      documentNumber: yearsAgo ? '98/KH-UBND' : '125/KH-UBND',
      issuingBody: 'UBND thành phố Hà Tĩnh',
      issuedOn: toDbDate(issuedOn),
      summary: 'Kế hoạch cải cách hành chính của thành phố: nhiệm vụ, thời hạn và đơn vị thực hiện trong năm.',
      periodStart: toDbDate(issuedOn),
      periodEnd: toDbDate(addDays(today, 120 + shift)),
      createdById: admin,
      createdAt: at(issuedOn, 8),
    },
    select: { id: true },
  });
  const sectionIds = new Map<string, number>();
  for (const [order, s] of PLAN_SECTIONS.entries()) {
    const created = await db.section.create({
      data: { programmeId: programme.id, numeral: s.numeral, title: s.title, order: order + 1 },
      select: { id: true },
    });
    sectionIds.set(s.numeral, created.id);
  }
  const reviewer = 'tp.noivu'; // no lead, or the standing office leads: the standing office reviews.
  for (const [order, t] of tasks.entries()) {
    const due = t.dueIn === undefined ? null : addDays(today, t.dueIn + shift);
    const task = await db.task.create({
      data: {
        programmeId: programme.id,
        sectionId: sectionIds.get(t.section)!,
        number: t.number,
        order: order + 1,
        title: t.title,
        text: t.text,
        reformArea: t.reformArea,
        dueDate: due ? toDbDate(due) : null,
        recurrence: t.recurrence,
        createdAt: at(issuedOn, 8),
      },
      select: { id: true },
    });
    // One statement for the task's assignments (the seed runs in one transaction: fewer round trips).
    const unitIds = reporting.map((code) => {
      const unitId = ids.units.get(code);
      if (unitId === undefined) throw new Error(`Unknown unit ${code}`);
      return unitId;
    });
    const created = await db.assignment.createManyAndReturn({
      data: reporting.map((code, i) => ({
        taskId: task.id,
        unitId: unitIds[i]!,
        role: t.lead === code ? ('LEAD' as const) : t.lead ? ('COORDINATING' as const) : ('IMPLEMENTING' as const),
        dueDate: due ? toDbDate(due) : null,
        originalDueDate: due ? toDbDate(due) : null,
        createdAt: at(issuedOn, 8),
      })),
      select: { id: true, unitId: true },
    });
    const assignmentOf = new Map(created.map((a) => [a.unitId, a.id]));
    for (const [i, code] of reporting.entries()) {
      const author = AUTHORS[code] ?? 'cb.noivu';
      const reports =
        t.recurrence === 'ONCE'
          ? oneOffReports(t, code, due!, today, author, reviewer, String(yearsAgo))
          : quarterly(t, code, issuedOn, today, author, reviewer);
      for (const r of reports) await write(assignmentOf.get(unitIds[i]!)!, t.recurrence, r);
    }
  }
}

/** What one unit did about a one-off task, drawn once per unit and task. */
function oneOffReports(
  t: PlanTask,
  unit: string,
  due: IsoDate,
  today: IsoDate,
  author: string,
  reviewer: string,
  plan: string,
): PlanReport[] {
  const r = drawFor(unit, t.section, t.number, plan);
  const base = { author, reviewer };
  const done = (submitted: IsoDate, reviewedAfter: number, extra: Partial<PlanReport> = {}): PlanReport => ({
    ...base,
    status: 'APPROVED',
    progress: 100,
    content: t.done,
    submittedAt: at(submitted, 10),
    reviewedAt: at(addDays(submitted, reviewedAfter), 15),
    completes: true,
    ...extra,
  });
  const past = due < today;
  if (past) {
    // The longer ago the deadline, the more of the late work has been done since: 84% a few days
    // after it, 96% a year on (last year's plan is nearly closed).
    const age = daysBetween(due, today);
    const doneShare = 0.84 + 0.12 * Math.min(1, age / 365);
    if (r < 0.6) return [done(addDays(due, -3 - Math.floor(r * 20)), 1)]; // on time
    if (r < doneShare) {
      // late (by up to two months on old deadlines); sometimes after a return
      const late = addDays(due, 2 + (Math.floor(r * 1000) % Math.max(12, Math.min(60, Math.floor(age / 3)))));
      const submitted = late < today ? late : addDays(today, -1);
      const returns =
        r < 0.65
          ? [{ at: at(addDays(due, -1), 16), reason: 'Đề nghị bổ sung tài liệu kiểm chứng (văn bản, biên bản).' }]
          : undefined;
      return [done(submitted, 0, { returns })];
    }
    // What is still open: waiting for approval, returned, a draft, or nothing at all.
    const open = (r - doneShare) / (1 - doneShare);
    if (open < 0.3)
      return [
        {
          ...base,
          reviewer: undefined,
          status: 'SUBMITTED',
          progress: 100,
          content: t.done,
          submittedAt: at(addDays(today, -1 - Math.floor(open * 15)), 14),
        },
      ];
    if (open < 0.6)
      return [
        {
          ...base,
          status: 'RETURNED',
          progress: 80,
          content: t.partial,
          submittedAt: at(addDays(today, -6), 10),
          reviewedAt: at(addDays(today, -4), 15),
          reviewComment: 'Số liệu chưa khớp với báo cáo quý; đề nghị rà soát và gửi lại.',
        },
      ];
    if (open < 0.75) return [{ ...base, reviewer: undefined, status: 'DRAFT', progress: 50, content: t.partial }];
    return []; // nothing at all: overdue
  }
  // Not due yet: the nearer the deadline, the more is done.
  const leadTime = (Date.parse(due) - Date.parse(today)) / 86_400_000;
  const doneShare = leadTime <= 5 ? 0.75 : leadTime <= 30 ? 0.5 : 0.25;
  if (r < doneShare) return [done(addDays(today, -3 - Math.floor(r * 10)), 1)];
  if (r < doneShare + 0.12)
    return [
      {
        ...base,
        reviewer: undefined,
        status: 'SUBMITTED',
        progress: 100,
        content: t.done,
        submittedAt: at(addDays(today, -1), 16),
      },
    ];
  if (r < doneShare + 0.45)
    return [{ ...base, reviewer: undefined, status: 'DRAFT', progress: 40, content: t.partial }];
  return [];
}

/** One report per quarter since the plan was issued: most approved on time, some late, some missing. */
function quarterly(
  t: PlanTask,
  unit: string,
  issuedOn: IsoDate,
  today: IsoDate,
  author: string,
  reviewer: string,
): PlanReport[] {
  const out: PlanReport[] = [];
  for (let p: Period | null = periodContaining('QUARTERLY', issuedOn); p && p.start <= today; p = nextPeriod(p)) {
    const r = drawFor(unit, t.section, t.number, p.key);
    const closed = p.end < today;
    const report = (submitted: IsoDate, extra: Partial<PlanReport>): PlanReport => ({
      period: p!,
      author,
      reviewer,
      status: 'APPROVED',
      progress: 100,
      content: `${t.done} (${p!.label})`,
      submittedAt: at(submitted, 10),
      ...extra,
    });
    if (!closed) {
      // The current quarter: the further into its window, the more units have reported and been approved.
      const elapsed = daysBetween(p.start, today) / Math.max(1, daysBetween(p.start, p.end));
      const approved = 0.75 * elapsed;
      if (r < approved && p.start < addDays(today, -2))
        out.push(
          report(maxDate(p.start, addDays(today, -2 - Math.floor(r * 10))), {
            reviewedAt: at(addDays(today, -1), 15),
            completes: true,
          }),
        );
      else if (r < approved + 0.15) out.push(report(addDays(today, -2), { status: 'SUBMITTED', reviewer: undefined }));
      else if (r < approved + 0.22 && p.start < addDays(today, -5))
        out.push(
          report(addDays(today, -5), {
            status: 'RETURNED',
            progress: 80,
            reviewedAt: at(addDays(today, -3), 15),
            reviewComment: 'Báo cáo quý chưa có số liệu so sánh với cùng kỳ; đề nghị bổ sung và gửi lại.',
          }),
        );
      else if (r < approved + 0.35)
        out.push(report(today, { status: 'DRAFT', reviewer: undefined, submittedAt: undefined, progress: 60 }));
      continue;
    }
    if (r < 0.8) out.push(report(addDays(p.end, -4), { reviewedAt: at(addDays(p.end, -1), 15), completes: true }));
    else if (r < 0.93 && addDays(p.end, 10) < today)
      out.push(
        report(addDays(p.end, 8), {
          reviewedAt: at(addDays(p.end, 10), 15),
          completes: true,
          // Some late reports were returned once before they were approved.
          returns:
            r < 0.86
              ? [{ at: at(addDays(p.end, 5), 16), reason: 'Đề nghị bổ sung số liệu và tài liệu kiểm chứng của quý.' }]
              : undefined,
        }),
      );
    // else: missed quarter
  }
  return out;
}
