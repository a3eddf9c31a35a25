'use client';

import { useState } from 'react';
import { CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUS_COLORS } from '@/lib/domain/status';
import { useNarrow } from './use-narrow';

/** One point of the trend, shaped on the server: rates in percent (null when nothing was counted). */
export type TrendDatum = {
  key: string;
  label: string;
  completion: number | null;
  onTime: number | null;
  total: number;
  done: number;
};

const SERIES = [
  { key: 'completion', name: 'Tỷ lệ hoàn thành', color: STATUS_COLORS.DONE_ON_TIME, dash: undefined },
  { key: 'onTime', name: 'Hoàn thành đúng hạn', color: STATUS_COLORS.IN_PROGRESS_ON_TIME, dash: '6 4' },
] as const;

const percent = (v: unknown) => (typeof v === 'number' ? `${String(v).replace('.', ',')}%` : '');

/**
 * Completion over months or quarters. The two lines differ by dash as well as colour, the
 * completion line prints its values, and the page repeats the numbers in a table.
 */
export function TrendChart({ months, quarters }: { months: TrendDatum[]; quarters: TrendDatum[] }) {
  const [by, setBy] = useState<'month' | 'quarter'>('month');
  const narrow = useNarrow();
  const data = by === 'month' ? months : quarters;
  return (
    <figure
      aria-label={by === 'month' ? 'Tỷ lệ hoàn thành theo tháng' : 'Tỷ lệ hoàn thành theo quý'}
      className="w-full print:[&_.recharts-wrapper]:max-w-full print:[&_svg]:h-auto print:[&_svg]:max-w-full"
    >
      <div
        role="group"
        aria-label="Xem theo"
        className="mb-2 inline-flex rounded-md border border-slate-300 text-sm print:hidden"
      >
        {(['month', 'quarter'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={by === v}
            onClick={() => setBy(v)}
            className={`px-3 py-1 first:rounded-l-md last:rounded-r-md ${by === v ? 'bg-slate-800 text-white' : 'bg-white hover:bg-slate-50'}`}
          >
            {v === 'month' ? 'Theo tháng' : 'Theo quý'}
          </button>
        ))}
      </div>
      <LineChart
        responsive
        style={{ width: '100%', height: 260 }}
        data={data}
        margin={{ top: 20, right: 16, bottom: 4, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={12} interval="preserveStartEnd" />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} width={44} />
        <Tooltip
          formatter={(value, name) => [percent(value), name]}
          labelFormatter={(label, payload) => {
            const p = payload?.[0]?.payload as TrendDatum | undefined;
            return p ? `${label}: ${p.done}/${p.total} nhiệm vụ hoàn thành` : String(label);
          }}
        />
        <Legend
          itemSorter={null}
          formatter={(value: string) => <span className="text-slate-800">{value}</span>}
          wrapperStyle={{ fontSize: 12 }}
        />
        {SERIES.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dash}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          >
            {s.key === 'completion' && !narrow ? (
              <LabelList dataKey="completion" position="top" fontSize={11} formatter={percent} />
            ) : null}
          </Line>
        ))}
      </LineChart>
    </figure>
  );
}
