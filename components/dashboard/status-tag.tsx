import { STATUS_COLORS, STATUS_LABELS, STATUS_TEXT_COLORS, type OfficialStatus } from '@/lib/domain/status';

/** The official status in words and colour, with how late it is (never colour alone). */
export function StatusTag({ status, daysOverdue }: { status: OfficialStatus; daysOverdue?: number | null }) {
  const color = STATUS_COLORS[status];
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span
        className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap"
        style={{ color: STATUS_TEXT_COLORS[status], borderColor: color, backgroundColor: `${color}12` }}
      >
        <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
        {STATUS_LABELS[status]}
      </span>
      {daysOverdue ? <span className="text-xs text-slate-600">({daysOverdue} ngày)</span> : null}
    </span>
  );
}
