import { ProgrammeTag } from '@/components/ui/programme-tag';
import { DueText, StatusBadge } from '@/components/ui/status-badge';
import type { AssignmentListItem } from '@/lib/data/work';
import { REPORT_STATUS_LABELS } from '@/lib/domain/labels';
import { fromSeveralProgrammes } from '@/lib/domain/programme-name';

// Plain links, not next/link: every row is a dynamic page, so prefetching one per visible row
// would cost a server render each for nothing, and the rows' client components weigh on every
// render of the home page (docs/benchmarks/load.md).
export function AssignmentList({ items, empty }: { items: AssignmentListItem[]; empty: string }) {
  if (items.length === 0)
    return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">{empty}</p>;
  const several = fromSeveralProgrammes(items);
  return (
    <ul
      className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white"
      data-testid="assignment-list"
    >
      {items.map((item) => (
        <li key={item.id}>
          <a href={`/assignments/${item.id}`} className="block px-4 py-3 hover:bg-slate-50">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="font-medium">
                {several ? (
                  <ProgrammeTag
                    programme={{ title: item.programmeTitle, documentNumber: item.programmeDocumentNumber }}
                  />
                ) : null}
                <span className="mr-1 text-slate-500">{item.taskCode}</span>
                {item.taskTitle}
              </p>
              <StatusBadge status={item.status} />
            </div>
            <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
              <DueText status={item.status} dueDate={item.dueDate} />
              {item.periodLabel ? <span>{`Kỳ báo cáo: ${item.periodLabel}`}</span> : null}
              <span>{`Tiến độ ${item.progress}%`}</span>
              <span>
                {item.lastReportStatus
                  ? `Báo cáo: ${REPORT_STATUS_LABELS[item.lastReportStatus as keyof typeof REPORT_STATUS_LABELS]}`
                  : 'Chưa có báo cáo'}
              </span>
            </p>
          </a>
        </li>
      ))}
    </ul>
  );
}
