import Link from 'next/link';
import { STATUS_COLORS, STATUS_LABELS, type OfficialStatus } from '@/lib/domain/status';
import type { StatusCounts } from '@/lib/data/stats';
import { headlineNumbers, percentOf } from '@/lib/exports/text';

const ORDER: OfficialStatus[] = [
  'DONE_ON_TIME',
  'DONE_LATE',
  'IN_PROGRESS_ON_TIME',
  'IN_PROGRESS_OVERDUE',
  'NOT_STARTED',
];

/**
 * "Tổng số T nhiệm vụ, N lượt giao cho đơn vị; đã hoàn thành X (x%; đúng hạn a, quá hạn b); chưa hoàn
 * thành Y (y%; trong hạn c, quá hạn d)". The statuses count assignments (one task given to 20 wards
 * is 20 of them), so the sentence says both numbers.
 */
export function HeadlineSentence({ counts, taskCount }: { counts: StatusCounts; taskCount: number }) {
  const h = headlineNumbers(counts);
  return (
    <p className="text-base leading-relaxed" data-testid="headline">
      Tổng số <strong>{taskCount}</strong> nhiệm vụ, <strong>{h.total}</strong> lượt giao cho đơn vị; đã hoàn thành{' '}
      <strong>{h.done}</strong> ({percentOf(h.done, h.total)}; đúng hạn {h.doneOnTime}, quá hạn {h.doneLate}); chưa hoàn
      thành <strong>{h.open}</strong> ({percentOf(h.open, h.total)}; trong hạn {h.openOnTime}, quá hạn {h.openOverdue}).
    </p>
  );
}

/** One card per official status; with `links`, each card opens the assignments behind it. */
export function HeadlineCards({
  counts,
  links,
}: {
  counts: StatusCounts;
  links?: Partial<Record<OfficialStatus | 'total', string>>;
}) {
  const value = (key: OfficialStatus | 'total', n: number, testId: string) =>
    links?.[key] ? (
      <Link href={links[key]} className="text-2xl font-bold hover:underline" data-testid={testId}>
        {n}
      </Link>
    ) : (
      <p className="text-2xl font-bold" data-testid={testId}>
        {n}
      </p>
    );
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <li className="rounded-lg border border-slate-200 bg-white p-3">
        <p className="text-xs text-slate-600">Tổng số</p>
        {value('total', counts.total, 'count-total')}
      </li>
      {ORDER.map((s) => (
        <li
          key={s}
          className="rounded-lg border border-slate-200 bg-white p-3"
          style={{ borderTop: `4px solid ${STATUS_COLORS[s]}` }}
        >
          <p className="text-xs text-slate-600">{STATUS_LABELS[s]}</p>
          {value(s, counts[s], `count-${s}`)}
          <p className="text-xs text-slate-500">{percentOf(counts[s], counts.total)}</p>
        </li>
      ))}
    </ul>
  );
}
