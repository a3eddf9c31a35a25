import 'server-only';
import { getDb, type Prisma } from '../db';
import type { ReformArea } from '../generated/prisma/enums';
import { periodLabel } from '../domain/slot';
import { pathToTarget, ragOf, requiredOn, type Direction, type IndicatorRule, type Rag } from '../domain/targets';
import { fromDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { requirePermission } from './guard';
import { assignmentScope } from './scope';

/**
 * Targets (chỉ tiêu), decision 014: per indicator and per reporting unit, the latest approved value
 * against the trajectory to its targets. Values come from the reports of the indicator's task
 * (Report.value), so they pass the same draft → submit → return/approve loop as any report; only
 * approved values count. A user sees the units whose assignments they may see (lib/data/scope.ts).
 */

export type UnitStanding = {
  unitId: number;
  unitName: string;
  assignmentId: number;
  latest: {
    reportId: number;
    value: number;
    periodLabel: string;
    /** The day the value was measured: the end of its period (the approval day for a one-off task). */
    measuredOn: IsoDate;
  } | null;
  /** What the trajectory asked for on that day. */
  required: number | null;
  rag: Rag | null;
  path: ReturnType<typeof pathToTarget>;
};

export type IndicatorStanding = {
  id: number;
  code: string;
  name: string;
  reformArea: ReformArea;
  measureUnit: string;
  direction: Direction;
  verified: boolean;
  baseline: { value: number; year: number } | null;
  targets: { year: number; value: number }[];
  /** What the trajectory asks for today. */
  requiredToday: number | null;
  units: UnitStanding[];
  counts: Record<Rag | 'NONE', number>;
  /** The mean of the units' latest approved values (null when none has one). */
  average: number | null;
  averageRag: Rag | null;
};

const num = (d: Prisma.Decimal): number => d.toNumber();

export async function listIndicatorStandings({
  now = new Date(),
  asOf = now,
  programmeId,
}: { now?: Date; asOf?: Date; programmeId?: number } = {}): Promise<IndicatorStanding[]> {
  const user = await requirePermission('work:read-own');
  const scope = assignmentScope(user);
  const indicators = await getDb().indicator.findMany({
    where: {
      task: {
        archivedAt: null,
        ...(programmeId !== undefined ? { programmeId } : {}),
        assignments: { some: scope },
      },
    },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      reformArea: true,
      measureUnit: true,
      direction: true,
      verified: true,
      baselineValue: true,
      baselineYear: true,
      targets: { orderBy: { year: 'asc' }, select: { year: true, value: true } },
      task: {
        select: {
          recurrence: true,
          assignments: {
            where: scope,
            orderBy: [{ unit: { kind: 'asc' } }, { unit: { name: 'asc' } }],
            select: {
              id: true,
              unit: { select: { id: true, name: true } },
              reports: {
                where: { status: 'APPROVED', value: { not: null }, reviewedAt: { lte: asOf } },
                orderBy: [{ periodEnd: { sort: 'desc', nulls: 'last' } }, { reviewedAt: 'desc' }],
                take: 1,
                select: { id: true, value: true, periodKey: true, periodEnd: true, reviewedAt: true },
              },
            },
          },
        },
      },
    },
  });
  const today = vnDateOf(now);
  return indicators.map((indicator) => {
    const rule: IndicatorRule = {
      direction: indicator.direction,
      baselineValue: indicator.baselineValue === null ? null : num(indicator.baselineValue),
      baselineYear: indicator.baselineYear,
      targets: indicator.targets.map((t) => ({ year: t.year, value: num(t.value) })),
    };
    const units: UnitStanding[] = indicator.task.assignments.map((a) => {
      const report = a.reports[0];
      if (!report || report.value === null) {
        return {
          unitId: a.unit.id,
          unitName: a.unit.name,
          assignmentId: a.id,
          latest: null,
          required: null,
          rag: null,
          path: null,
        };
      }
      const value = num(report.value);
      const measuredOn = report.periodEnd ? fromDbDate(report.periodEnd) : vnDateOf(report.reviewedAt ?? now);
      return {
        unitId: a.unit.id,
        unitName: a.unit.name,
        assignmentId: a.id,
        latest: {
          reportId: report.id,
          value,
          periodLabel: periodLabel(indicator.task.recurrence, report.periodKey),
          measuredOn,
        },
        required: requiredOn(rule, measuredOn),
        rag: ragOf(rule, value, measuredOn),
        path: pathToTarget(rule, value, measuredOn),
      };
    });
    const counts: Record<Rag | 'NONE', number> = { GREEN: 0, AMBER: 0, RED: 0, NONE: 0 };
    for (const u of units) counts[u.rag ?? 'NONE'] += 1;
    const measured = units.filter((u) => u.latest !== null);
    const average =
      measured.length === 0 ? null : measured.reduce((sum, u) => sum + u.latest!.value, 0) / measured.length;
    // The average is judged on the latest day any unit measured.
    const lastDay = measured
      .map((u) => u.latest!.measuredOn)
      .sort()
      .at(-1);
    return {
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      reformArea: indicator.reformArea,
      measureUnit: indicator.measureUnit,
      direction: indicator.direction,
      verified: indicator.verified,
      baseline:
        rule.baselineValue !== null && rule.baselineYear !== null
          ? { value: rule.baselineValue, year: rule.baselineYear }
          : null,
      targets: rule.targets,
      requiredToday: requiredOn(rule, today),
      units,
      counts,
      average,
      averageRag: average !== null && lastDay ? ragOf(rule, average, lastDay) : null,
    };
  });
}
