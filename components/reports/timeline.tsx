import { auditActionLabel } from '@/lib/domain/audit-actions';
import { formatDateTimeVn } from '@/lib/domain/time';

type Event = { id: string; at: Date; action: string; data: unknown; actor: { displayName: string } | null };

function detail(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.comment === 'string') return d.comment;
  if (typeof d.reason === 'string') return d.reason;
  if (typeof d.fileName === 'string') return d.fileName;
  if (typeof d.progress === 'number') return `Tiến độ ${d.progress}%`;
  return null;
}

/** The append-only audit trail of a report, oldest first. */
export function Timeline({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-slate-600">Chưa có hoạt động nào.</p>;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span
            aria-hidden
            className="absolute top-1.5 -left-[1.4rem] size-3 rounded-full border-2 border-white bg-slate-400"
          />
          <p className="text-sm">
            <strong>{auditActionLabel(e.action)}</strong>
            {e.actor ? ` · ${e.actor.displayName}` : ''} ·{' '}
            <time dateTime={e.at.toISOString()}>{formatDateTimeVn(e.at)}</time>
          </p>
          {detail(e.data) ? <p className="text-sm text-slate-600">{detail(e.data)}</p> : null}
        </li>
      ))}
    </ol>
  );
}
