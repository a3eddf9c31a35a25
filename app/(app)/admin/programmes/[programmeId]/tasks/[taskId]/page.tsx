import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/action-button';
import { AssignmentMatrix, FanOutForm } from '@/components/admin/assignment-matrix';
import { card, dangerButton, td, th } from '@/components/admin/styles';
import { TaskForm } from '@/components/admin/task-form';
import { taskStatusAction } from '@/lib/actions/admin-programmes';
import { getTaskForEdit } from '@/lib/data/tasks';
import { ASSIGNMENT_ROLE_LABELS } from '@/lib/domain/labels';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Nhiệm vụ' };

const HISTORY_LABELS: Record<string, string> = {
  'task.created': 'Tạo nhiệm vụ',
  'task.updated': 'Sửa nhiệm vụ',
  'task.moved': 'Đổi thứ tự',
  'task.archived': 'Lưu trữ',
  'task.restored': 'Khôi phục',
  'task.assignments_changed': 'Đổi phân công',
  'task.fanned_out': 'Giao cho cả nhóm',
};

const FIELD_LABELS: Record<string, string> = {
  sectionId: 'mục',
  number: 'số',
  title: 'tên',
  text: 'nội dung',
  reformArea: 'lĩnh vực',
  dueDate: 'thời hạn',
  recurrence: 'tính chất',
  evidenceRequired: 'yêu cầu tài liệu kiểm chứng',
};

/** One line of the task's audit trail, in words. */
function describe(action: string, data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  if (action === 'task.updated' && d.changes && typeof d.changes === 'object') {
    const fields = Object.keys(d.changes)
      .map((k) => FIELD_LABELS[k] ?? k)
      .join(', ');
    const due = (d.changes as Record<string, { from: unknown; to: unknown } | undefined>).dueDate;
    const dueText = due
      ? `; thời hạn ${typeof due.from === 'string' ? formatDateVn(due.from) : 'không'} → ${typeof due.to === 'string' ? formatDateVn(due.to) : 'không'}`
      : '';
    const kept =
      Array.isArray(d.extensionsKept) && d.extensionsKept.length > 0
        ? `; giữ ${d.extensionsKept.length} gia hạn đã duyệt`
        : '';
    return `Sửa ${fields}${dueText}; giữ nguyên ${String(d.reportsKept ?? 0)} báo cáo${kept}`;
  }
  if (action === 'task.assignments_changed') {
    const n = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).length : 0);
    return `Thêm ${n('added')}, bỏ ${n('removed')}, đổi vai trò ${n('changed')} đơn vị`;
  }
  if (action === 'task.fanned_out') return `Giao thêm cho ${String(d.created ?? 0)} đơn vị`;
  return '';
}

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ programmeId: string; taskId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ programmeId, taskId }, { created }] = await Promise.all([params, searchParams]);
  const t = await loadPage(getTaskForEdit(parseId(taskId)));
  if (t.programme.id !== parseId(programmeId)) notFound();
  const label = `${t.section.numeral ? `${t.section.numeral}.` : ''}${t.number}`;
  const reports = t.assignments.reduce((n, a) => n + a.reports, 0);
  const formerUnits = t.assignments.filter((a) => !a.unit.active);
  const extended = t.assignments.filter((a) => a.dueDate && a.originalDueDate && a.dueDate !== a.originalDueDate);
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        /{' '}
        <Link href={`/admin/programmes/${t.programme.id}`} className="hover:underline">
          {t.programme.title}
        </Link>{' '}
        / Nhiệm vụ {label}
      </nav>
      {created ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          Đã thêm nhiệm vụ. Điều chỉnh phân công ở bảng dưới nếu cần.
        </p>
      ) : null}
      <h1 className="text-xl font-bold sm:text-2xl">
        {label} {t.title}
        {t.archived ? (
          <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm font-medium">Đã lưu trữ</span>
        ) : null}
      </h1>

      <section aria-labelledby="task-form-heading" className={card}>
        <h2 id="task-form-heading" className="mb-1 font-semibold">
          Nội dung nhiệm vụ
        </h2>
        {reports > 0 ? (
          <p className="mb-3 text-sm text-slate-600">
            Nhiệm vụ đã có {reports} báo cáo: sửa nhiệm vụ không làm mất báo cáo; mọi thay đổi được ghi vào lịch sử. Đổi
            thời hạn: đơn vị đã hoàn thành giữ nguyên thời hạn cũ, gia hạn đã duyệt không bị rút ngắn.
          </p>
        ) : null}
        <TaskForm task={t} programmeId={t.programme.id} sections={t.programme.sections} />
      </section>

      <section aria-labelledby="assign-heading" className={`${card} space-y-4`}>
        <h2 id="assign-heading" className="font-semibold">
          Phân công ({t.assignments.length} đơn vị)
        </h2>
        <FanOutForm taskId={t.id} />
        <AssignmentMatrix
          taskId={t.id}
          units={t.units}
          assignments={t.assignments
            .filter((a) => a.unit.active)
            .map((a) => ({ unitId: a.unit.id, role: a.role, reports: a.reports, extensions: a.extensions }))}
        />
        {extended.length > 0 ? (
          <p className="text-sm text-slate-600">
            Đã gia hạn: {extended.map((a) => `${a.unit.name} (đến ${formatDateVn(a.dueDate!)})`).join('; ')}.
          </p>
        ) : null}
        {formerUnits.length > 0 ? (
          <div>
            <h3 className="text-sm font-medium">Đơn vị đã thôi hoạt động (giữ lịch sử)</h3>
            <ul className="mt-1 text-sm text-slate-700">
              {formerUnits.map((a) => (
                <li key={a.id}>
                  {a.unit.name}: {ASSIGNMENT_ROLE_LABELS[a.role]}
                  {a.completed ? ', đã hoàn thành' : ''} · {a.reports} báo cáo
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="task-status-heading" className={`${card} flex flex-wrap gap-3`}>
        <h2 id="task-status-heading" className="w-full font-semibold">
          Lưu trữ
        </h2>
        {/* One element for both states, so its result message survives the change of state. */}
        <ActionButton
          action={taskStatusAction}
          fields={{ id: t.id, intent: t.archived ? 'restore' : 'archive' }}
          label={t.archived ? 'Khôi phục nhiệm vụ' : 'Lưu trữ nhiệm vụ'}
          confirm={t.archived ? undefined : 'Lưu trữ nhiệm vụ này? Nhiệm vụ không còn tính vào danh sách và số liệu.'}
        />
        {reports === 0 ? (
          <ActionButton
            action={taskStatusAction}
            fields={{ id: t.id, intent: 'delete' }}
            label="Xóa nhiệm vụ"
            confirm="Xóa hẳn nhiệm vụ này (chưa có báo cáo nào)?"
            className={dangerButton}
          />
        ) : null}
      </section>

      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="mb-2 font-semibold">
          Lịch sử thay đổi
        </h2>
        {t.history.length === 0 ? (
          <p className="text-sm text-slate-600">Chưa có thay đổi nào được ghi.</p>
        ) : (
          <table className="min-w-full">
            <thead>
              <tr className="border-b border-slate-200">
                <th className={th}>Thời điểm</th>
                <th className={th}>Người thực hiện</th>
                <th className={th}>Thay đổi</th>
              </tr>
            </thead>
            <tbody>
              {t.history.map((h) => (
                <tr key={h.id} className="border-b border-slate-100">
                  <td className={td}>{formatDateTimeVn(h.at)}</td>
                  <td className={td}>{h.actor?.displayName ?? '—'}</td>
                  <td className={td}>
                    <span className="font-medium">{HISTORY_LABELS[h.action] ?? h.action}</span>{' '}
                    {describe(h.action, h.data)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
