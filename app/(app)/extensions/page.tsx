import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/ui/notice';
import { ProgrammeTag } from '@/components/ui/programme-tag';
import { ExtensionDecisionForm } from '@/components/extensions/extension-decision-form';
import { listPendingExtensions } from '@/lib/data/extensions';
import { fromSeveralProgrammes } from '@/lib/domain/programme-name';
import { formatDateTimeVn, formatDateVn, fromDbDate } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Đề nghị gia hạn' };

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function ExtensionsPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const items = await loadPage(listPendingExtensions());
  const several = fromSeveralProgrammes(items.map((e) => ({ programmeTitle: e.assignment.task.programme.title })));
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Đề nghị gia hạn chờ quyết định ({items.length})</h1>
      <Notice notice={notice} />
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Không có đề nghị nào đang chờ.
        </p>
      ) : (
        <ul className="space-y-4">
          {items.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium">
                {e.assignment.unit.name} · {several ? <ProgrammeTag programme={e.assignment.task.programme} /> : null}
                <Link href={`/assignments/${e.assignment.id}`} className="text-blue-700 underline">
                  {e.assignment.task.section.numeral}.{e.assignment.task.number} {e.assignment.task.title}
                </Link>
              </p>
              <p className="mt-1 text-sm">
                Hạn hiện tại <strong>{e.previousDueDate ? formatDateVn(fromDbDate(e.previousDueDate)) : '—'}</strong> →
                đề nghị <strong>{formatDateVn(fromDbDate(e.requestedDueDate))}</strong>
              </p>
              <p className="mt-1 text-sm text-slate-700">Lý do: {e.reason}</p>
              <p className="mt-1 text-xs text-slate-500">
                {e.requestedBy.displayName} · {formatDateTimeVn(e.createdAt)}
              </p>
              <div className="mt-3">
                <ExtensionDecisionForm extensionId={e.id} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
