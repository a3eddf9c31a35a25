'use client';

import dynamic from 'next/dynamic';
import { statusChartHeight, type StatusBarDatum } from './status-chart-size';
import { useNarrow } from './use-narrow';

/**
 * Recharts runs in the browser only: rendered on the server, every view paid for building the chart
 * (a store per chart, every axis and bar) in the HTML and again in the React payload (decision 031).
 * The figure and its reserved height are in the first HTML, so nothing moves when the bars arrive.
 */
const StatusBarChart = dynamic(() => import('./status-bar-chart'), { ssr: false });

/** A 100% stacked status chart (components/charts/status-bar-chart.tsx), drawn in the browser into a box of its final height. */
export function StatusChart({ data, label }: { data: StatusBarDatum[]; label: string }) {
  const narrow = useNarrow();
  return (
    <figure
      aria-label={label}
      className="w-full print:[&_.recharts-wrapper]:max-w-full print:[&_svg]:h-auto print:[&_svg]:max-w-full"
      style={{ minHeight: statusChartHeight(data, narrow) }}
    >
      <StatusBarChart data={data} />
    </figure>
  );
}
