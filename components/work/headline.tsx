import { STATUS_COLORS, STATUS_LABELS, type OfficialStatus } from '@/lib/domain/status';
import type { StatusCounts } from '@/lib/data/stats';

const ORDER: OfficialStatus[] = ['DONE_ON_TIME', 'DONE_LATE', 'IN_PROGRESS_ON_TIME', 'IN_PROGRESS_OVERDUE', 'NOT_STARTED'];

function pct(n: number, total: number): string {
  if (total === 0) return '0%';
  return `${Math.round((n / total) * 1000) / 10}%`.replace('.', ',');
}

/** "Tổng số N nhiệm vụ; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn thành Y (trong hạn c, quá hạn d)". */
export function HeadlineSentence({ counts }: { counts: StatusCounts }) {
  const done = counts.DONE_ON_TIME + counts.DONE_LATE;
  const open = counts.total - done;
  return (
    <p className="text-base leading-relaxed" data-testid="headline">
      Tổng số <strong>{counts.total}</strong> nhiệm vụ; đã hoàn thành <strong>{done}</strong> ({pct(done, counts.total)}; đúng hạn{' '}
      {counts.DONE_ON_TIME}, quá hạn {counts.DONE_LATE}); chưa hoàn thành <strong>{open}</strong> (trong hạn{' '}
      {counts.IN_PROGRESS_ON_TIME + counts.NOT_STARTED}, quá hạn {counts.IN_PROGRESS_OVERDUE}).
    </p>
  );
}

export function HeadlineCards({ counts }: { counts: StatusCounts }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <li className="rounded-lg border border-slate-200 bg-white p-3">
        <p className="text-xs text-slate-600">Tổng số</p>
        <p className="text-2xl font-bold" data-testid="count-total">{counts.total}</p>
      </li>
      {ORDER.map((s) => (
        <li key={s} className="rounded-lg border border-slate-200 bg-white p-3" style={{ borderTop: `4px solid ${STATUS_COLORS[s]}` }}>
          <p className="text-xs text-slate-600">{STATUS_LABELS[s]}</p>
          <p className="text-2xl font-bold" data-testid={`count-${s}`}>{counts[s]}</p>
          <p className="text-xs text-slate-500">{pct(counts[s], counts.total)}</p>
        </li>
      ))}
    </ul>
  );
}
