/**
 * Targets (chỉ tiêu) — pure rules, decision 014. An indicator has a baseline (the value measured at
 * the end of its baseline year) and targets to reach by the end of given years (2025, 2030…). The
 * trajectory needed is the straight line, piece by piece, from the baseline through each target;
 * a value measured on a date is judged against the point of that line on the same date:
 *   - green: it meets the trajectory (at or above it; at or below for "lower is better");
 *   - amber: it falls short by at most AMBER_MARGIN of the value required;
 *   - red: further behind.
 * Without a baseline there is no line to follow: the value is judged against the target in force.
 * After the last target year the last target stays the bar to hold.
 */
import { daysBetween, type IsoDate } from './time';

export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type Rag = 'GREEN' | 'AMBER' | 'RED';

export type IndicatorRule = {
  direction: Direction;
  baselineValue: number | null;
  baselineYear: number | null;
  /** Targets by year, any order. */
  targets: { year: number; value: number }[];
};

/** A shortfall of at most 5% of the value required is amber, not red. */
export const AMBER_MARGIN = 0.05;

export const RAG_LABELS: Record<Rag, string> = {
  GREEN: 'Đạt lộ trình',
  AMBER: 'Gần đạt',
  RED: 'Chậm so với lộ trình',
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  HIGHER_IS_BETTER: 'Càng cao càng tốt',
  LOWER_IS_BETTER: 'Càng thấp càng tốt',
};

/** Days since an arbitrary origin: only differences matter. */
function dayNumber(date: IsoDate): number {
  return daysBetween('2000-01-01', date);
}

function yearEnd(year: number): number {
  return dayNumber(`${year}-12-31`);
}

function sortedTargets(rule: IndicatorRule) {
  return [...rule.targets].sort((a, b) => a.year - b.year);
}

/** The target in force on a date: the first one whose year has not ended; after the last, the last. */
export function targetInForce(rule: IndicatorRule, date: IsoDate): { year: number; value: number } | null {
  const targets = sortedTargets(rule);
  const year = Number(date.slice(0, 4));
  return targets.find((t) => t.year >= year) ?? targets.at(-1) ?? null;
}

/** The value the trajectory asks for on a date (null when the indicator has no target). */
export function requiredOn(rule: IndicatorRule, date: IsoDate): number | null {
  const targets = sortedTargets(rule);
  if (targets.length === 0) return null;
  if (rule.baselineValue === null || rule.baselineYear === null) return targetInForce(rule, date)!.value;
  const points = [
    { day: yearEnd(rule.baselineYear), value: rule.baselineValue },
    ...targets.filter((t) => t.year > rule.baselineYear!).map((t) => ({ day: yearEnd(t.year), value: t.value })),
  ];
  const day = dayNumber(date);
  if (day <= points[0]!.day) return points[0]!.value;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    if (day <= to.day) return from.value + ((to.value - from.value) * (day - from.day)) / (to.day - from.day);
  }
  return points.at(-1)!.value;
}

/** How far a value falls short of what is required (0 when it meets it), in the indicator's unit. */
export function shortfall(direction: Direction, actual: number, required: number): number {
  const gap = direction === 'HIGHER_IS_BETTER' ? required - actual : actual - required;
  return Math.max(0, gap);
}

/** Red, amber or green for a value measured on a date. Null when there is no target to judge by. */
export function ragOf(rule: IndicatorRule, actual: number, measuredOn: IsoDate): Rag | null {
  const required = requiredOn(rule, measuredOn);
  if (required === null) return null;
  const short = shortfall(rule.direction, actual, required);
  if (short === 0) return 'GREEN';
  return short <= Math.abs(required) * AMBER_MARGIN ? 'AMBER' : 'RED';
}

/**
 * What it takes from here: the next target not yet met (the one in force, else later ones), the
 * change still needed and that change per remaining year. `met` when every remaining target is met
 * already; `yearsLeft` is 0 once the target's year is over (the value is then simply behind).
 */
export function pathToTarget(
  rule: IndicatorRule,
  actual: number,
  measuredOn: IsoDate,
): { year: number; value: number; met: boolean; change: number; perYear: number | null; yearsLeft: number } | null {
  const year = Number(measuredOn.slice(0, 4));
  const ahead = sortedTargets(rule).filter((t) => t.year >= year);
  const candidates = ahead.length > 0 ? ahead : sortedTargets(rule).slice(-1);
  if (candidates.length === 0) return null;
  const unmet = candidates.find((t) => shortfall(rule.direction, actual, t.value) > 0);
  const target = unmet ?? candidates.at(-1)!;
  const yearsLeft = Math.max(0, (yearEnd(target.year) - dayNumber(measuredOn)) / 365.25);
  const change = target.value - actual;
  return {
    year: target.year,
    value: target.value,
    met: !unmet,
    change: unmet ? change : 0,
    perYear: unmet && yearsLeft >= 0.25 ? change / yearsLeft : null,
    yearsLeft,
  };
}

/** An indicator value as Vietnamese text: decimal comma, at most 2 decimals, and its unit. */
export function formatIndicatorValue(value: number, measureUnit: string): string {
  const text = value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return measureUnit === '%' ? `${text}%` : `${text} ${measureUnit}`;
}

/** The path to the target in words: "Đã đạt mục tiêu 2025", "Cần +9,8 điểm % đến 2030 (+2,1 điểm %/năm)". */
export function describePath(path: ReturnType<typeof pathToTarget>, measureUnit: string): string {
  if (!path) return '—';
  if (path.met) return `Đã đạt mục tiêu ${path.year}`;
  const unit = measureUnit === '%' ? 'điểm %' : measureUnit;
  const sign = path.change > 0 ? '+' : '−';
  const change = `${sign}${formatIndicatorValue(Math.abs(path.change), unit)}`;
  if (path.perYear === null) return `Còn thiếu ${change} so với mục tiêu ${path.year}`;
  return `Cần ${change} đến ${path.year} (${sign}${formatIndicatorValue(Math.abs(path.perYear), unit)}/năm)`;
}

/** "80% (2025), 90% (2030)". */
export function describeTargets(targets: { year: number; value: number }[], measureUnit: string): string {
  return [...targets]
    .sort((a, b) => a.year - b.year)
    .map((t) => `${formatIndicatorValue(t.value, measureUnit)} (${t.year})`)
    .join(', ');
}
