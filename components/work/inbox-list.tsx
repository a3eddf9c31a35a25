import { ProgrammeTag } from '@/components/ui/programme-tag';
import type { InboxItem } from '@/lib/data/work';
import { fromSeveralProgrammes } from '@/lib/domain/programme-name';
import { formatDateTimeVn } from '@/lib/domain/time';

// Plain links, not next/link: every row is a dynamic page, so prefetching one per visible row
// would cost a server render each for nothing, and the rows' client components weigh on every
// render of the home page (docs/benchmarks/load.md).
export function InboxList({ items }: { items: InboxItem[] }) {
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
        Không có báo cáo nào đang chờ duyệt.
      </p>
    );
  }
  const several = fromSeveralProgrammes(items);
  return (
    <ul
      className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white"
      data-testid="review-inbox"
    >
      {items.map((item) => (
        <li key={item.reportId}>
          <a href={`/reports/${item.reportId}`} className="block px-4 py-3 hover:bg-slate-50">
            <p className="font-medium">
              {`${item.unitName} `}
              <span className="text-slate-500">·</span>{' '}
              {several ? (
                <ProgrammeTag
                  programme={{ title: item.programmeTitle, documentNumber: item.programmeDocumentNumber }}
                />
              ) : null}
              <span className="text-slate-500">{item.taskCode}</span>
              {` ${item.taskTitle}`}
            </p>
            <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
              <span>{`Gửi lúc ${item.submittedAt ? formatDateTimeVn(item.submittedAt) : '—'}`}</span>
              <span>{`Tiến độ ${item.progress}%`}</span>
              <span>
                {item.evidenceCount > 0 ? `${item.evidenceCount} tài liệu kiểm chứng` : 'Chưa có tài liệu kiểm chứng'}
              </span>
            </p>
          </a>
        </li>
      ))}
    </ul>
  );
}
