'use client';

import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { OFFICIAL_STATUSES, STATUS_COLORS, STATUS_LABELS } from '@/lib/domain/status';
import { percent, TREND_HEIGHT, type TrendDatum } from './trend-data';

/** Stacked bottom to top: what is done (on time, late), then what is open (on time, overdue, not started). */
const SERIES = OFFICIAL_STATUSES.map((status) => ({
  key: status,
  name: STATUS_LABELS[status],
  color: STATUS_COLORS[status],
}));

/** The trend's stacked areas (components/charts/trend-chart.tsx loads this in the browser only). */
export default function TrendArea({ data, narrow }: { data: TrendDatum[]; narrow: boolean }) {
  return (
    <AreaChart
      responsive
      style={{ width: '100%', height: TREND_HEIGHT }}
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
  );
}
