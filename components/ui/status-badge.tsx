import { STATUS_COLORS, STATUS_LABELS, STATUS_TEXT_COLORS, type StatusResult } from '@/lib/domain/status';

/** The official status in words and colour (never colour alone), with its flags. */
export function StatusBadge({ status }: { status: StatusResult }) {
  const color = STATUS_COLORS[status.status];
  const badge = (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-semibold"
      style={{ color: STATUS_TEXT_COLORS[status.status], borderColor: color, backgroundColor: `${color}12` }}
    >
      <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
      {STATUS_LABELS[status.status]}
    </span>
  );
  const noDeadline = status.noDeadline && !status.status.startsWith('DONE');
  // Without flags, the badge alone: one wrapper less per row of every list.
  if (!status.dueSoon && !noDeadline) return badge;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {badge}
      {status.dueSoon ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">Sắp đến hạn</span>
      ) : null}
      {noDeadline ? (
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
          Thường xuyên / Không thời hạn
        </span>
      ) : null}
    </span>
  );
}

// Whole strings rather than text beside expressions: one text node instead of three per value, in
// the HTML and in the RSC payload, on lists rendered on every home page view (decision 032).
export function DueText({ status, dueDate }: { status: StatusResult; dueDate: string | null }) {
  if (!dueDate) return <span className="text-slate-500">Không thời hạn</span>;
  const [y, m, d] = dueDate.split('-');
  const date = `${d}/${m}/${y}`;
  if (status.daysOverdue != null && status.status === 'IN_PROGRESS_OVERDUE') {
    return (
      <span>
        {`Hạn ${date} · `}
        <strong className="text-red-700">{`quá hạn ${status.daysOverdue} ngày`}</strong>
      </span>
    );
  }
  if (status.daysLeft != null) {
    return (
      <span>
        {`Hạn ${date} · `}
        {status.daysLeft === 0 ? (
          <strong className="text-amber-700">hết hạn hôm nay</strong>
        ) : (
          `còn ${status.daysLeft} ngày`
        )}
      </span>
    );
  }
  return <span>{`Hạn ${date}`}</span>;
}
