import { labelLines } from '@/lib/chart-format';
import type { OfficialStatus } from '@/lib/domain/status';

/** One bar, shaped on the server: counts per status, its share labels and where each part leads. */
export type StatusBarDatum = Record<OfficialStatus, number> & {
  key: string;
  name: string;
  total: number;
  /** "75%" — the completion rate, printed at the end of the bar. */
  rateLabel: string;
  /** The assignments behind the whole bar; a status part's link is `statusHref(href, status)`. */
  href: string;
};

/** Characters per label line (about 7 px each at 12 px): the axis is 170 px wide on a screen, 110 px on a phone. */
export const LINE_CHARS = { wide: 22, narrow: 14 } as const;
export const MAX_LINES = 3;

/**
 * The height a status chart is drawn at: room for each bar's wrapped name (up to three lines) plus
 * the legend, which wraps on a phone. The page reserves it before the chart arrives (no layout shift).
 */
export function statusChartHeight(data: Pick<StatusBarDatum, 'name'>[], narrow: boolean): number {
  const lineCount = Math.max(
    1,
    ...data.map((d) => labelLines(d.name, narrow ? LINE_CHARS.narrow : LINE_CHARS.wide, MAX_LINES).length),
  );
  const rowHeight = Math.max(34, lineCount * (narrow ? 13 : 14) + 10);
  return Math.max(160, data.length * rowHeight + (narrow ? 150 : 80));
}
