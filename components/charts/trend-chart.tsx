'use client';

import { useState } from 'react';
import { CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUS_COLORS, STATUS_LABELS } from '@/lib/domain/status';
import { LazyDetails } from './lazy-details';
import { useNarrow } from './use-narrow';
import { percentAxisMax } from '@/lib/chart-format';

/** One point of the trend, shaped on the server: rates in percent (null when nothing was counted). */
export type TrendDatum = {
  key: string;
  label: string;
  completion: number | null;
  onTime: number | null;
  total: number;
  done: number;
  overdue: number;
};

const SERIES = [
  { key: 'completion', name: 'Tỷ lệ hoàn thành', color: STATUS_COLORS.DONE_ON_TIME, dash: undefined },
  { key: 'onTime', name: STATUS_LABELS.DONE_ON_TIME, color: STATUS_COLORS.IN_PROGRESS_ON_TIME, dash: '6 4' },
] as const;

const percent = (v: unknown) => (typeof v === 'number' ? `${String(v).replace('.', ',')}%` : '');

/** The trend's numbers as a table (its text alternative), drawn when its <details> is opened. */
function TrendTable({ points, caption }: { points: TrendDatum[]; caption: string }) {
  return (
    <table className="min-w-full text-sm [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:tabular-nums [&_th]:px-2 [&_th]:py-1 [&_thead_th]:text-right [&_thead_th:first-child]:text-left">
      <caption className="py-1 text-left text-sm font-medium">{caption}</caption>
      <thead className="bg-slate-50">
        <tr>
          <th scope="col">Kỳ (tính đến)</th>
          <th scope="col">Tổng số</th>
          <th scope="col">Đã hoàn thành</th>
          <th scope="col">Tỷ lệ hoàn thành</th>
          <th scope="col">{STATUS_LABELS.DONE_ON_TIME}</th>
          <th scope="col">Quá hạn</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {points.map((p) => (
          <tr key={p.key}>
            <th scope="row">{p.label}</th>
            <td>{p.total}</td>
            <td>{p.done}</td>
            <td>{p.completion === null ? '—' : percent(p.completion)}</td>
            <td>{p.onTime === null ? '—' : percent(p.onTime)}</td>
            <td>{p.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Completion over months or quarters. The two lines differ by dash as well as colour, the
 * completion line prints its values, and the page repeats the numbers in a table.
 */
export function TrendChart({ months, quarters }: { months: TrendDatum[]; quarters: TrendDatum[] }) {
  const [by, setBy] = useState<'month' | 'quarter'>('month');
  const narrow = useNarrow();
  const data = by === 'month' ? months : quarters;
  // The axis follows the data (0 stays the bottom), so that movement between 2% and 3% shows.
  const top = percentAxisMax(data.flatMap((d) => [d.completion, d.onTime]));
  // Printed values only where they cannot collide; the tooltip and the table have every value.
  const printValues = !narrow && data.length <= 8;
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
        <XAxis dataKey="label" fontSize={12} interval="preserveStartEnd" minTickGap={narrow ? 24 : 12} />
        <YAxis
          domain={[0, top]}
          allowDataOverflow={false}
          tickCount={6}
          tickFormatter={(v: number) => `${String(v).replace('.', ',')}%`}
          fontSize={12}
          width={48}
        />
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
            {s.key === 'completion' && printValues ? (
              <LabelList dataKey="completion" position="top" fontSize={11} formatter={percent} />
            ) : null}
          </Line>
        ))}
      </LineChart>
      {top < 100 ? (
        <figcaption className="mt-1 text-xs text-slate-600">
          Trục dọc từ 0% đến {top}% theo số liệu (không phải thang 0–100%).
        </figcaption>
      ) : null}
      <LazyDetails summary="Xem bảng số liệu (xu hướng)">
        {() => (
          <div className="relative space-y-4 overflow-x-auto">
            <TrendTable points={months} caption="Theo tháng" />
            <TrendTable points={quarters} caption="Theo quý" />
          </div>
        )}
      </LazyDetails>
    </figure>
  );
}
