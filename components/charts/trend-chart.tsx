'use client';

import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { OFFICIAL_STATUSES, STATUS_COLORS, STATUS_LABELS, type OfficialStatus } from '@/lib/domain/status';
import { LazyDetails } from './lazy-details';
import { useNarrow } from './use-narrow';

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

/** Stacked bottom to top: what is done (on time, late), then what is open (on time, overdue, not started). */
const SERIES = OFFICIAL_STATUSES.map((status) => ({
  key: status,
  name: STATUS_LABELS[status],
  color: STATUS_COLORS[status],
}));

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
 * The tasks at each cut-off, stacked by official status: the green band growing and the red one
 * shrinking is the movement, in numbers of tasks rather than a rate that moves by a point or two.
 * Colours are those of the status chips, in the legend's order; the tooltip adds the completion
 * rate, and the page repeats every number in a table.
 */
export function TrendChart({ months, quarters }: { months: TrendDatum[]; quarters: TrendDatum[] }) {
  const [by, setBy] = useState<'month' | 'quarter'>('month');
  const narrow = useNarrow();
  const data = by === 'month' ? months : quarters;
  return (
    <figure
      aria-label={by === 'month' ? 'Số nhiệm vụ theo tình trạng, theo tháng' : 'Số nhiệm vụ theo tình trạng, theo quý'}
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
      <AreaChart
        responsive
        style={{ width: '100%', height: 280 }}
        data={data}
        margin={{ top: 12, right: 16, bottom: 4, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={12} interval="preserveStartEnd" minTickGap={narrow ? 24 : 12} />
        <YAxis allowDecimals={false} fontSize={12} width={48} />
        <Tooltip
          formatter={(value, name) => [`${value} nhiệm vụ`, name]}
          labelFormatter={(label, payload) => {
            const p = payload?.[0]?.payload as TrendDatum | undefined;
            return p
              ? `${label}: ${p.done}/${p.total} hoàn thành${p.completion === null ? '' : ` (${percent(p.completion)})`}`
              : String(label);
          }}
        />
        <Legend
          itemSorter={null}
          formatter={(value: string) => <span className="text-slate-800">{value}</span>}
          wrapperStyle={{ fontSize: 12 }}
        />
        {SERIES.map((s) => (
          <Area
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.name}
            stackId="status"
            stroke={s.color}
            fill={s.color}
            fillOpacity={0.75}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
      <figcaption className="mt-1 text-xs text-slate-600">
        Số nhiệm vụ tại mỗi kỳ, chồng theo tình trạng: phần xanh lá (hoàn thành đúng hạn) tăng và phần đỏ (quá hạn) giảm
        là tiến triển tốt.
      </figcaption>
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
