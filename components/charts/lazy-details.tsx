'use client';

import { useState } from 'react';

/**
 * A collapsed <details> whose content is rendered only once it is opened: a chart's table
 * alternative is drawn from the data the chart already has, so the first HTML does not carry every
 * table twice (issue 12: the dashboard's weight). Opening it needs JavaScript, as the chart does.
 */
export function LazyDetails({ summary, children }: { summary: string; children: () => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-3 print:hidden" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium text-slate-700">{summary}</summary>
      {open ? <div className="mt-2">{children()}</div> : null}
    </details>
  );
}
