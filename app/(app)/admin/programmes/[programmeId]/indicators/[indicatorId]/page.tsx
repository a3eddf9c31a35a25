import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { IndicatorForm } from '@/components/admin/indicator-form';
import { card, dangerButton, secondaryButton, td, th } from '@/components/admin/styles';
import { Notice } from '@/components/ui/notice';
import { indicatorStatusAction } from '@/lib/actions/admin-indicators';
import { getIndicatorForEdit } from '@/lib/data/indicators';
import { auditActionLabel } from '@/lib/domain/audit-actions';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Chỉ tiêu' };

export default async function IndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ programmeId: string; indicatorId: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const [{ programmeId, indicatorId }, { notice }] = await Promise.all([params, searchParams]);
  const i = await loadPage(getIndicatorForEdit(parseId(indicatorId), parseId(programmeId)));
  const reports = i.reporters.reduce((n, r) => n + r.reports, 0);
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        /{' '}
        <Link href={`/admin/programmes/${i.programme.id}`} className="hover:underline">
          {i.programme.title}
        </Link>{' '}
        / Chỉ tiêu {i.code}
      </nav>
      <Notice notice={notice} />
      <header className="space-y-1">
        <h1 className="text-xl font-bold sm:text-2xl">{i.name}</h1>
        <p className="text-sm">
          <span
            data-testid="indicator-status"
            className={`rounded px-2 py-0.5 font-medium ${i.active ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`}
          >
            {i.active ? 'Đang theo dõi' : 'Ngừng theo dõi'}
          </span>{' '}
          <span className="text-slate-600">
            Mã {i.code} · {i.reporters.length} đơn vị báo cáo · {reports} báo cáo
          </span>
        </p>
      </header>

      <section className={card} aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="mb-3 font-semibold">
          Thông tin chỉ tiêu
        </h2>
        <IndicatorForm programmeId={i.programme.id} indicator={i} />
      </section>

      <section className={`${card} space-y-2`} aria-labelledby="reporters-heading">
        <h2 id="reporters-heading" className="font-semibold">
          Đơn vị báo cáo
        </h2>
        <p className="text-sm text-slate-700">
          {i.reporters.length === 0
            ? 'Chưa giao cho đơn vị nào.'
            : i.reporters.map((r) => `${r.name}${r.reports ? ` (${r.reports} báo cáo)` : ''}`).join('; ')}
        </p>
        <Link href={`/admin/programmes/${i.programme.id}/tasks/${i.taskId}`} className={secondaryButton}>
          Thêm, bớt đơn vị báo cáo
        </Link>
      </section>

      <section className={`${card} space-y-2`} aria-labelledby="status-heading">
        <h2 id="status-heading" className="font-semibold">
          Theo dõi
        </h2>
        <p className="text-sm text-slate-600">
          {i.active
            ? 'Ngừng theo dõi khi chỉ tiêu không còn áp dụng: các đơn vị không phải báo cáo nữa và chỉ tiêu không hiện trên bảng điều hành; mọi giá trị đã báo cáo được giữ nguyên.'
            : 'Chỉ tiêu đã ngừng theo dõi. Theo dõi lại để các đơn vị báo cáo tiếp; các giá trị cũ vẫn còn.'}
        </p>
        <ActionButton
          action={indicatorStatusAction}
          fields={{ indicatorId: i.id, intent: i.active ? 'deactivate' : 'reactivate' }}
          label={i.active ? 'Ngừng theo dõi chỉ tiêu' : 'Theo dõi lại chỉ tiêu'}
          confirm={i.active ? 'Ngừng theo dõi chỉ tiêu này?' : undefined}
          className={i.active ? dangerButton : secondaryButton}
        />
      </section>

      {i.history.length > 0 ? (
        <section className={card} aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-2 font-semibold">
            Lịch sử
          </h2>
          <table className="min-w-full">
            <thead>
              <tr>
                <th className={th}>Thời điểm</th>
                <th className={th}>Thao tác</th>
                <th className={th}>Người thực hiện</th>
              </tr>
            </thead>
            <tbody>
              {i.history.map((h) => (
                <tr key={h.id} className="border-t border-slate-100">
                  <td className={td}>{formatDateTimeVn(h.at)}</td>
                  <td className={td}>{auditActionLabel(h.action)}</td>
                  <td className={td}>{h.actor?.displayName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </article>
  );
}
