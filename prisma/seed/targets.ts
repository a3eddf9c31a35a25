/**
 * Demo targets (chỉ tiêu), decision 014: the measurable targets of Resolution 76/NQ-CP that
 * shared/DOMAIN.md marks as checked, as a programme of their own whose tasks the units report on
 * every half-year (Decree 09/2019: 15/12 → 14/6 and 15/6 → 14/12), with realistic values for the
 * last three half-years (loaded as history: the assignments are made when the seed runs, so no
 * closed period is owed): some units on the trajectory, some close, some behind, one waiting for
 * approval and one returned. Called from seedDemo; idempotent (nothing happens once the programme
 * exists). The "to confirm" targets are not seeded: an administrator adds them once checked.
 */
import type { PrismaClient } from '../../lib/db';
import type { ReformArea } from '../../lib/generated/prisma/enums';
import { periodContaining, previousPeriod, type Period } from '../../lib/domain/periods';
import { requiredOn, type IndicatorRule } from '../../lib/domain/targets';
import { addDays, toDbDate, vnDateOf } from '../../lib/domain/time';

export const TARGETS_PROGRAMME_TITLE =
  'Theo dõi các chỉ tiêu cải cách hành chính giai đoạn 2021–2030 theo Nghị quyết 76/NQ-CP';
const ISSUING_BODY = 'UBND thành phố Hà Tĩnh';

type SeedIndicator = IndicatorRule & {
  code: string;
  name: string;
  reformArea: ReformArea;
  measureUnit: string;
  /** Who reports it: unit codes, or every ward and commune. */
  reporters: 'WARDS_AND_COMMUNES' | string[];
  text: string;
};

const WARDS_AND_COMMUNES = 'WARDS_AND_COMMUNES' as const;

export const SEED_INDICATORS: SeedIndicator[] = [
  {
    code: 'NQ76-TTHC-01',
    name: 'Tỷ lệ quy định kinh doanh được cắt giảm, đơn giản hóa',
    reformArea: 'ADMIN_PROCEDURES',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 0,
    baselineYear: 2020,
    targets: [{ year: 2025, value: 20 }],
    reporters: ['TP'],
    text: 'Cắt giảm, đơn giản hóa tối thiểu 20% số quy định kinh doanh (so với số quy định có hiệu lực tại thời điểm 31/5/2020) đến năm 2025.',
  },
  {
    code: 'NQ76-TTHC-02',
    name: 'Tỷ lệ chi phí tuân thủ quy định kinh doanh được cắt giảm',
    reformArea: 'ADMIN_PROCEDURES',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 0,
    baselineYear: 2020,
    targets: [{ year: 2025, value: 20 }],
    reporters: ['TP'],
    text: 'Cắt giảm tối thiểu 20% chi phí tuân thủ quy định kinh doanh (so với thời điểm 31/5/2020) đến năm 2025.',
  },
  {
    code: 'NQ76-TTHC-03',
    name: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4',
    reformArea: 'DIGITAL_GOVERNMENT',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 32,
    baselineYear: 2020,
    targets: [
      { year: 2025, value: 80 },
      { year: 2030, value: 90 },
    ],
    reporters: WARDS_AND_COMMUNES,
    text: 'Tối thiểu 80% thủ tục hành chính được cung cấp trực tuyến mức độ 3, 4 đến năm 2025; tối thiểu 90% đến năm 2030.',
  },
  {
    code: 'NQ76-TTHC-04',
    name: 'Tỷ lệ thủ tục hành chính được cung cấp trên Cổng Dịch vụ công quốc gia',
    reformArea: 'ADMIN_PROCEDURES',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 20,
    baselineYear: 2020,
    targets: [{ year: 2025, value: 80 }],
    reporters: WARDS_AND_COMMUNES,
    text: 'Tối thiểu 80% thủ tục hành chính được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia đến năm 2025.',
  },
  {
    code: 'NQ76-TTHC-05',
    name: 'Tỷ lệ thủ tục hành chính có nghĩa vụ tài chính được thanh toán trực tuyến',
    reformArea: 'ADMIN_PROCEDURES',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 5,
    baselineYear: 2020,
    targets: [{ year: 2025, value: 80 }],
    reporters: WARDS_AND_COMMUNES,
    text: 'Tối thiểu 80% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến đến năm 2025.',
  },
  {
    code: 'NQ76-CPS-01',
    name: 'Tỷ lệ người dân sử dụng dịch vụ công trực tuyến được định danh, xác thực điện tử',
    reformArea: 'DIGITAL_GOVERNMENT',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: 15,
    baselineYear: 2021,
    targets: [{ year: 2025, value: 100 }],
    reporters: WARDS_AND_COMMUNES,
    text: '100% người dân sử dụng dịch vụ công trực tuyến được định danh và xác thực điện tử thông suốt, hợp nhất trên tất cả các hệ thống thông tin đến năm 2025.',
  },
];

/** How far each unit with a demo officer stands from the trajectory, in percentage points. */
const UNIT_OFFSETS: { code: string; author: string; offset: number }[] = [
  { code: 'P-TRANPHU', author: 'cb.tranphu', offset: 5 },
  { code: 'P-NAMHA', author: 'cb.namha', offset: 1.5 },
  { code: 'P-BACHA', author: 'cb.bacha', offset: -2.5 },
  { code: 'P-NGUYENDU', author: 'cb.nguyendu', offset: -9 },
  { code: 'P-THACHQUY', author: 'cb.thachquy', offset: 0.5 },
  { code: 'X-THACHHA', author: 'cb.thachha', offset: -16 },
];
const REVIEWER = 'tp.noivu';

type Ids = { units: Map<string, number>; users: Map<string, number> };

function idOf(map: Map<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Unknown ${key}`);
  return id;
}

/** 09:00 in Vietnam on that calendar day. */
function at(date: string, hour = 9): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
}

/** The demo value of a unit for a period: the trajectory there, moved by the unit's offset, 0–100. */
export function demoValue(indicator: IndicatorRule, period: Period, offset: number): number {
  const required = requiredOn(indicator, period.end) ?? 0;
  return Math.round(Math.min(100, Math.max(0, required + offset)) * 10) / 10;
}

export async function seedTargets(db: PrismaClient, ids: Ids, now: Date): Promise<void> {
  const existing = await db.programme.findFirst({
    where: { title: TARGETS_PROGRAMME_TITLE, issuingBody: ISSUING_BODY },
    select: { id: true },
  });
  if (existing) return;
  const today = vnDateOf(now);
  const current = periodContaining('HALF_YEARLY', today);
  const past: Period[] = [];
  for (let p = previousPeriod(current); p && past.length < 3; p = previousPeriod(p)) past.unshift(p);
  const since = at(past[0]!.start, 0);
  const wardsAndCommunes = [...ids.units.keys()].filter((code) => /^[PX]-/.test(code));

  await db.$transaction(
    async (tx) => {
      const programme = await tx.programme.create({
        data: {
          title: TARGETS_PROGRAMME_TITLE,
          issuingBody: ISSUING_BODY,
          summary:
            'Các chỉ tiêu định lượng của Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 (Nghị quyết 76/NQ-CP): các đơn vị, địa phương báo cáo số liệu 6 tháng, năm kèm tài liệu kiểm chứng.',
          periodStart: toDbDate('2021-07-15'),
          periodEnd: toDbDate('2030-12-31'),
          createdById: ids.users.get('admin') ?? null,
          createdAt: since,
        },
      });
      const section = await tx.section.create({
        // "A", not "I": the NQ76 programme's sections are I and II, and tasks are often found by numeral and number.
        data: { programmeId: programme.id, numeral: 'A', title: 'Các chỉ tiêu đến năm 2025 và 2030', order: 1 },
      });
      for (const [index, indicator] of SEED_INDICATORS.entries()) {
        const task = await tx.task.create({
          data: {
            programmeId: programme.id,
            sectionId: section.id,
            number: String(index + 1),
            order: index + 1,
            title: `Báo cáo chỉ tiêu: ${indicator.name}`,
            text: `${indicator.text} Báo cáo số liệu 6 tháng và năm, kèm tài liệu kiểm chứng (số liệu trích xuất từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh).`,
            reformArea: indicator.reformArea,
            recurrence: 'HALF_YEARLY',
            createdAt: since,
          },
        });
        await tx.indicator.create({
          data: {
            taskId: task.id,
            code: indicator.code,
            name: indicator.name,
            reformArea: indicator.reformArea,
            measureUnit: indicator.measureUnit,
            direction: indicator.direction,
            baselineValue: indicator.baselineValue,
            baselineYear: indicator.baselineYear,
            verified: true,
            source: 'Nghị quyết 76/NQ-CP ngày 15/7/2021 của Chính phủ',
            targets: { create: indicator.targets },
          },
        });
        const reporters = indicator.reporters === WARDS_AND_COMMUNES ? wardsAndCommunes : indicator.reporters;
        await tx.assignment.createMany({
          data: reporters.map((code) => ({
            taskId: task.id,
            unitId: idOf(ids.units, code),
            role: 'IMPLEMENTING' as const,
            // Given in the app now, with the past half-years' values loaded as history: like the NQ76
            // seed's recurring assignments, none owes a closed period yet (decision 008).
          })),
        });
        if (indicator.reporters !== WARDS_AND_COMMUNES) continue;
        const assignments = new Map(
          (await tx.assignment.findMany({ where: { taskId: task.id }, select: { id: true, unitId: true } })).map(
            (a) => [a.unitId, a.id],
          ),
        );
        for (const unit of UNIT_OFFSETS) {
          const assignmentId = assignments.get(idOf(ids.units, unit.code));
          if (assignmentId === undefined) throw new Error(`No assignment for ${unit.code}`);
          const author = idOf(ids.users, unit.author);
          const reviewer = idOf(ids.users, REVIEWER);
          const rows: { period: Period; status: 'APPROVED' | 'SUBMITTED' | 'RETURNED' }[] = past.map((period) => ({
            period,
            status: 'APPROVED',
          }));
          // The current half-year, for the headline indicator: one waiting for approval, one returned.
          if (indicator.code === 'NQ76-TTHC-03' && unit.code === 'P-NAMHA')
            rows.push({ period: current, status: 'SUBMITTED' });
          if (indicator.code === 'NQ76-TTHC-03' && unit.code === 'P-BACHA')
            rows.push({ period: current, status: 'RETURNED' });
          for (const { period, status } of rows) {
            const value = demoValue(indicator, period, unit.offset);
            const submittedAt = at(status === 'APPROVED' ? addDays(period.end, 3) : addDays(today, -2));
            const reviewedAt = status === 'SUBMITTED' ? null : at(vnDateOf(submittedAt), 15);
            const returned = status === 'RETURNED';
            const report = await tx.report.create({
              data: {
                assignmentId,
                periodKey: period.key,
                periodStart: toDbDate(period.start),
                periodEnd: toDbDate(period.end),
                progress: 100,
                value,
                content: `${period.label}: ${value.toLocaleString('vi-VN')}% (${indicator.name.toLowerCase()}). Số liệu trích xuất từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.`,
                status,
                version: 1 + 1 + (reviewedAt ? 1 : 0),
                createdById: author,
                submittedById: author,
                submittedAt,
                reviewedById: reviewedAt ? reviewer : null,
                reviewedAt,
                reviewComment: returned
                  ? 'Số liệu chưa khớp với Hệ thống thông tin giải quyết TTHC của tỉnh; đề nghị kiểm tra lại và gửi kèm bảng trích xuất.'
                  : null,
                completedAt: status === 'APPROVED' ? reviewedAt : null,
                noEvidenceReason: 'Số liệu trích xuất trực tiếp từ Hệ thống thông tin giải quyết TTHC của tỉnh.',
                createdAt: new Date(submittedAt.getTime() - 2 * 3_600_000),
              },
              select: { id: true, createdAt: true },
            });
            const events = [
              { at: report.createdAt, action: 'report.draft_saved', actorId: author },
              { at: submittedAt, action: 'report.submitted', actorId: author },
              ...(reviewedAt
                ? [{ at: reviewedAt, action: returned ? 'report.returned' : 'report.approved', actorId: reviewer }]
                : []),
            ];
            await tx.auditEvent.createMany({
              data: events.map((e) => ({
                ...e,
                entityType: 'Report',
                entityId: String(report.id),
                reportId: report.id,
              })),
            });
            if (reviewedAt) {
              await tx.reportReview.create({
                data: {
                  reportId: report.id,
                  reviewerId: reviewer,
                  decision: returned ? 'RETURNED' : 'APPROVED',
                  comment: returned
                    ? 'Số liệu chưa khớp với Hệ thống thông tin giải quyết TTHC của tỉnh; đề nghị kiểm tra lại và gửi kèm bảng trích xuất.'
                    : null,
                  reportVersion: 2,
                  createdAt: reviewedAt,
                },
              });
            }
          }
          await tx.assignment.update({ where: { id: assignmentId }, data: { startedAt: at(past[0]!.end) } });
        }
      }
    },
    { timeout: 60_000 },
  );
}
