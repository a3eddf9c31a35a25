import type { OfficialStatus } from '@/lib/domain/status';

/** One point of the trend, shaped on the server: counts per official status, rates in percent (null when nothing was counted). */
export type TrendDatum = {
  key: string;
  label: string;
  completion: number | null;
  onTime: number | null;
  total: number;
  done: number;
  overdue: number;
} & Record<OfficialStatus, number>;

/** The trend chart's height in pixels, reserved before it is drawn. */
export const TREND_HEIGHT = 280;

export const percent = (v: unknown) => (typeof v === 'number' ? `${String(v).replace('.', ',')}%` : '');
