'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { statusHref } from './status-href';
import { useNarrow } from './use-narrow';
import { labelLines } from '@/lib/chart-format';
import { LINE_CHARS, MAX_LINES, statusChartHeight, type StatusBarDatum } from './status-chart-size';
import { OFFICIAL_STATUSES, STATUS_COLORS, STATUS_LABELS, type OfficialStatus } from '@/lib/domain/status';

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: string | number } };

/** A bar's name, wrapped (lib/chart-format.ts), as a link to the assignments behind the whole bar; the full name on hover. */
function NameTick({
  x = 0,
  y = 0,
  payload,
  links,
  narrow,
}: TickProps & { links: Map<string, StatusBarDatum>; narrow: boolean }) {
  const name = String(payload?.value ?? '');
  const lines = labelLines(name, narrow ? LINE_CHARS.narrow : LINE_CHARS.wide, MAX_LINES);
  const lineHeight = narrow ? 13 : 14;
  return (
    <g transform={`translate(${x},${y})`}>
      <a href={links.get(name)?.href ?? '#'}>
        <title>{name}</title>
        <text
          x={-6}
          y={-((lines.length - 1) * lineHeight) / 2}
          textAnchor="end"
          fontSize={narrow ? 11 : 12}
          fill="#0f172a"
          textDecoration="underline"
        >
          {lines.map((line, i) => (
            <tspan key={i} x={-6} dy={i === 0 ? 4 : lineHeight}>
              {line}
            </tspan>
          ))}
        </text>
      </a>
    </g>
  );
}

/**
 * 100% stacked horizontal bars in the five official statuses. A click on a part opens the
 * assignments behind it; a bar's name is a link to all of that row's assignments. Colour is never
 * the only cue: the legend and tooltip name each status, the end of each bar prints the completion
 * rate, and the page shows the same numbers as a table.
 */
export default function StatusBarChart({ data }: { data: StatusBarDatum[] }) {
  const router = useRouter();
  const narrow = useNarrow();
  const byName = new Map(data.map((d) => [d.name, d]));
  const height = statusChartHeight(data, narrow);

  return (
    <BarChart
      responsive
      style={{ width: '100%', height }}
      data={data}
      layout="vertical"
      stackOffset="expand"
      margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
      barCategoryGap={6}
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} fontSize={12} />
      <YAxis
        type="category"
        dataKey="name"
        width={narrow ? 110 : 170}
        tick={(props: TickProps) => <NameTick {...props} links={byName} narrow={narrow} />}
        interval={0}
      />
      {/* The completion rate at the end of every bar, also when its last part is empty (a LabelList on that part would not draw). */}
      <YAxis
        yAxisId="rate"
        orientation="right"
        type="category"
        dataKey="name"
        interval={0}
        width={44}
        axisLine={false}
        tickLine={false}
        fontSize={12}
        tick={{ fill: '#0f172a' }}
        tickFormatter={(name: string) => byName.get(name)?.rateLabel ?? ''}
      />
      <Tooltip
        cursor={{ fill: '#f1f5f9' }}
        content={({ active, payload }) => {
          const datum = active ? (payload?.[0]?.payload as StatusBarDatum | undefined) : undefined;
          if (!datum) return null;
          return (
            <div className="rounded-md border border-slate-200 bg-white p-2 text-xs shadow">
              <p className="font-semibold">{datum.name}</p>
              <p className="text-slate-600">
                Tổng số {datum.total} nhiệm vụ · hoàn thành {datum.rateLabel}
              </p>
              <ul className="mt-1 space-y-0.5">
                {OFFICIAL_STATUSES.map((s) => (
                  <li key={s} className="flex items-center gap-1.5">
                    <span
                      aria-hidden
                      className="inline-block size-2.5 rounded-sm"
                      style={{ backgroundColor: STATUS_COLORS[s] }}
                    />
                    {STATUS_LABELS[s]}: <strong>{datum[s]}</strong>
                  </li>
                ))}
              </ul>
            </div>
          );
        }}
      />
      <Legend
        itemSorter={null}
        formatter={(value: string) => (
          <span className="text-slate-800">{STATUS_LABELS[value as OfficialStatus] ?? value}</span>
        )}
        wrapperStyle={{ fontSize: 12 }}
      />
      {OFFICIAL_STATUSES.map((s) => (
        <Bar
          key={s}
          dataKey={s}
          name={s}
          stackId="status"
          fill={STATUS_COLORS[s]}
          cursor="pointer"
          isAnimationActive={false}
          onClick={(item) => {
            const datum = (item as { payload?: StatusBarDatum }).payload;
            if (datum) router.push(statusHref(datum.href, s));
          }}
        />
      ))}
    </BarChart>
  );
}
