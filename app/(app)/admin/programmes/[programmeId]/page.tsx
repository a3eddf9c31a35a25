import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { MoveButtons } from '@/components/admin/move-buttons';
import { ProgrammeForm } from '@/components/admin/programme-form';
import { NewSectionForm, SectionEditForm } from '@/components/admin/section-forms';
import { card, dangerButton, td, th } from '@/components/admin/styles';
import { TaskForm } from '@/components/admin/task-form';
import { UrgingLadderForm } from '@/components/urging/ladder-form';
import {
  deleteSectionAction,
  moveSectionAction,
  moveTaskAction,
  programmeStatusAction,
} from '@/lib/actions/admin-programmes';
import { listAssignableUnits } from '@/lib/data/assignments';
import { listProgrammeIndicators } from '@/lib/data/indicators';
import { getProgrammeForEdit } from '@/lib/data/programmes';
import { getUrgingLadder } from '@/lib/data/urging';
import { REFORM_AREA_LABELS } from '@/lib/domain/labels';
import { describeTargets } from '@/lib/domain/targets';
import { RECURRENCE_LABELS } from '@/lib/domain/periods';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Chương trình' };

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

export default async function ProgrammePage({
  params,
  searchParams,
}: {
  params: Promise<{ programmeId: string }>;
  searchParams: Promise<{ imported?: string }>;
}) {
  const [{ programmeId }, { imported }] = await Promise.all([params, searchParams]);
  const id = parseId(programmeId);
  const [p, units, ladder, indicators] = await loadPage(
    Promise.all([getProgrammeForEdit(id), listAssignableUnits(), getUrgingLadder(id), listProgrammeIndicators(id)]),
  );
  const taskCount = p.sections.reduce((n, s) => n + s.tasks.length, 0);
  const reports = p.sections.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.reports, 0), 0);
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        / {p.title}
      </nav>
      {imported ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          Đã nhập chương trình: {p.sections.length} mục, {taskCount} nhiệm vụ. Các đơn vị đã thấy nhiệm vụ của mình.
        </p>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-xl font-bold sm:text-2xl">{p.title}</h1>
        <p className="text-sm text-slate-600">
          {[p.documentNumber, p.issuingBody, p.issuedOn ? `ngày ${formatDateVn(p.issuedOn)}` : null]
            .filter(Boolean)
            .join(' · ')}
          {p.periodStart || p.periodEnd
            ? ` · Thực hiện ${p.periodStart ? formatDateVn(p.periodStart) : '…'} – ${p.periodEnd ? formatDateVn(p.periodEnd) : '…'}`
            : ''}
        </p>
        <p className="text-sm">
          <span
            className={`rounded px-2 py-0.5 font-medium ${p.status === 'ACTIVE' ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`}
            data-testid="programme-status"
          >
            {p.status === 'ACTIVE' ? 'Đang thực hiện' : 'Đã lưu trữ'}
          </span>{' '}
          <span className="text-slate-600">
            {p.sections.length} mục · {taskCount} nhiệm vụ · {reports} báo cáo
            {p.createdBy ? ` · tạo bởi ${p.createdBy.displayName}, ${formatDateTimeVn(p.createdAt)}` : ''}
          </span>
        </p>
      </header>

      <details className={card}>
        <summary className="cursor-pointer font-semibold">Thông tin văn bản</summary>
        <div className="mt-3">
          <ProgrammeForm programme={p} />
        </div>
      </details>

      <details className={card}>
        <summary className="cursor-pointer font-semibold">
          Các bước đôn đốc ({ladder.steps.length === 0 ? 'không nhắc tự động' : `${ladder.steps.length} bước`}
          {ladder.isDefault ? ', mặc định' : ''})
        </summary>
        <p className="mt-3 text-sm text-slate-700">
          Mỗi bước gửi thông báo một lần cho mỗi thời hạn của từng đơn vị chưa hoàn thành, vào đúng ngày làm việc của
          bước (không gửi vào Thứ Bảy, Chủ nhật, ngày lễ, Tết); gia hạn được duyệt thì tính lại theo hạn mới. Bỏ trống
          “Thời điểm” để xóa một bước.
        </p>
        <div className="mt-3">
          <UrgingLadderForm programmeId={p.id} steps={ladder.steps} />
        </div>
      </details>

      <section aria-labelledby="indicators-heading" className={`${card} space-y-3`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="indicators-heading" className="text-lg font-semibold">
            Chỉ tiêu ({indicators.length})
          </h2>
          {p.sections.length > 0 ? (
            <Link href={`/admin/programmes/${p.id}/indicators/new`} className="text-blue-700 underline">
              Thêm chỉ tiêu
            </Link>
          ) : null}
        </div>
        {indicators.length === 0 ? (
          <p className="text-sm text-slate-600">
            Chương trình chưa có chỉ tiêu định lượng. Mỗi chỉ tiêu có mục tiêu theo năm và được các đơn vị báo cáo theo
            kỳ.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full">
              <thead className="border-b border-slate-200">
                <tr>
                  <th className={th}>Mã</th>
                  <th className={th}>Chỉ tiêu</th>
                  <th className={th}>Mục tiêu</th>
                  <th className={th}>Kỳ báo cáo</th>
                  <th className={th}>Đơn vị báo cáo</th>
                </tr>
              </thead>
              <tbody>
                {indicators.map((i) => (
                  <tr key={i.id} className={`border-b border-slate-100 ${i.active ? '' : 'text-slate-500'}`}>
                    <td className={td}>{i.code}</td>
                    <td className={td}>
                      <Link href={`/admin/programmes/${p.id}/indicators/${i.id}`} className="text-blue-700 underline">
                        {i.name}
                      </Link>
                      {i.active ? null : <span className="ml-1 text-xs">(ngừng theo dõi)</span>}
                    </td>
                    <td className={td}>{describeTargets(i.targets, i.measureUnit)}</td>
                    <td className={td}>{RECURRENCE_LABELS[i.recurrence]}</td>
                    <td className={td}>{i.reporters}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="sections-heading" className="space-y-4">
        <h2 id="sections-heading" className="text-lg font-semibold">
          Mục và nhiệm vụ
        </h2>
        {p.sections.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
            Chưa có mục nào: thêm mục ở dưới.
          </p>
        ) : null}
        {p.sections.map((s, si) => (
          <section key={s.id} aria-label={`Mục ${s.numeral}`} className={card}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h3 className="font-semibold">
                {s.numeral ? `${s.numeral}. ` : ''}
                {s.title}
              </h3>
              <MoveButtons
                action={moveSectionAction}
                id={s.id}
                label={`mục ${s.numeral}`}
                first={si === 0}
                last={si === p.sections.length - 1}
              />
            </div>
            {s.tasks.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">Mục chưa có nhiệm vụ.</p>
            ) : (
              <div className="mt-2 overflow-x-auto">
                <table className="min-w-full">
                  <thead className="border-b border-slate-200">
                    <tr>
                      <th className={th}>Số</th>
                      <th className={th}>Nhiệm vụ</th>
                      <th className={th}>Thời hạn</th>
                      <th className={th}>Giao cho</th>
                      <th className={th}>
                        <span className="sr-only">Sắp xếp</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.tasks.map((t, ti) => (
                      <tr key={t.id} className={`border-b border-slate-100 ${t.archived ? 'text-slate-500' : ''}`}>
                        <td className={td}>
                          {s.numeral ? `${s.numeral}.` : ''}
                          {t.number}
                        </td>
                        <td className={td}>
                          <Link href={`/admin/programmes/${p.id}/tasks/${t.id}`} className="text-blue-700 underline">
                            {t.title}
                          </Link>
                          {t.archived ? <span className="ml-1 text-xs">(đã lưu trữ)</span> : null}
                          {t.reformArea ? (
                            <span className="block text-xs text-slate-500">{REFORM_AREA_LABELS[t.reformArea]}</span>
                          ) : null}
                        </td>
                        <td className={td}>{t.dueDate ? formatDateVn(t.dueDate) : RECURRENCE_LABELS[t.recurrence]}</td>
                        <td className={td}>
                          {t.lead ? <span className="block">Chủ trì: {t.lead}</span> : null}
                          {t.coordinating ? <span className="block">Phối hợp: {t.coordinating} đơn vị</span> : null}
                          {t.implementing ? <span className="block">Thực hiện: {t.implementing} đơn vị</span> : null}
                          {!t.lead && !t.coordinating && !t.implementing ? (
                            <span className="text-red-700">Chưa giao</span>
                          ) : null}
                        </td>
                        <td className={td}>
                          <MoveButtons
                            action={moveTaskAction}
                            id={t.id}
                            label={`nhiệm vụ ${s.numeral}.${t.number}`}
                            first={ti === 0}
                            last={ti === s.tasks.length - 1}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-blue-700">Sửa mục {s.numeral}</summary>
              <div className="mt-2 space-y-3">
                <SectionEditForm section={s} />
                {s.tasks.length === 0 ? (
                  <ActionButton
                    action={deleteSectionAction}
                    fields={{ id: s.id }}
                    label="Xóa mục"
                    confirm={`Xóa mục ${s.numeral}?`}
                    className={dangerButton}
                  />
                ) : null}
              </div>
            </details>
          </section>
        ))}
      </section>

      {p.sections.length > 0 ? (
        <details className={card}>
          <summary className="cursor-pointer font-semibold">Thêm nhiệm vụ</summary>
          <div className="mt-3">
            <TaskForm
              programmeId={p.id}
              sections={p.sections}
              units={units}
              defaultSectionId={p.sections[p.sections.length - 1]?.id}
            />
          </div>
        </details>
      ) : null}

      <details className={card} open={p.sections.length === 0}>
        <summary className="cursor-pointer font-semibold">Thêm mục</summary>
        <div className="mt-3">
          <NewSectionForm programmeId={p.id} nextNumeral={ROMAN[p.sections.length] ?? String(p.sections.length + 1)} />
        </div>
      </details>

      {p.sourceText ? (
        <details className={card}>
          <summary className="cursor-pointer font-semibold">Văn bản gốc</summary>
          <pre className="mt-3 max-h-96 overflow-auto text-sm whitespace-pre-wrap">{p.sourceText}</pre>
        </details>
      ) : null}

      <section aria-labelledby="status-heading" className={`${card} space-y-2`}>
        <h2 id="status-heading" className="font-semibold">
          Lưu trữ
        </h2>
        <p className="text-sm text-slate-600">
          {p.status === 'ACTIVE'
            ? 'Lưu trữ khi chương trình đã kết thúc: các nhiệm vụ không còn hiện với đơn vị và không tính vào số liệu; báo cáo vẫn được giữ.'
            : 'Chương trình đã lưu trữ. Khôi phục để các nhiệm vụ hiện lại với đơn vị và được tính vào số liệu.'}
        </p>
        {/* One element for both states, so its result message survives the change of state. */}
        <ActionButton
          action={programmeStatusAction}
          fields={{ id: p.id, intent: p.status === 'ACTIVE' ? 'archive' : 'restore' }}
          label={p.status === 'ACTIVE' ? 'Lưu trữ chương trình' : 'Khôi phục chương trình'}
          confirm={p.status === 'ACTIVE' ? 'Lưu trữ chương trình này?' : undefined}
        />
        {reports === 0 ? (
          <ActionButton
            action={programmeStatusAction}
            fields={{ id: p.id, intent: 'delete' }}
            label="Xóa chương trình"
            confirm="Xóa hẳn chương trình này (chưa có báo cáo nào)?"
            className={dangerButton}
          />
        ) : null}
      </section>
    </article>
  );
}
