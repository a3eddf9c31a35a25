'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { STATUS_LABELS } from '@/lib/domain/status';
import { percent, TREND_HEIGHT, type TrendDatum } from './trend-data';
import { LazyDetails } from './lazy-details';
import { useNarrow } from './use-narrow';

export type { TrendDatum } from './trend-data';

const TrendArea = dynamic(() => import('./trend-area'), { ssr: false });

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
      {/* Drawn in the browser only (decision 031); the box keeps its height meanwhile. */}
      <div style={{ height: TREND_HEIGHT }}>
        <TrendArea data={data} narrow={narrow} />
      </div>
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
