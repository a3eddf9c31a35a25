'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { ErrorList, Field, FormMessage, inputClass } from '@/components/forms/field';
import { EvidenceUploader } from '@/components/reports/evidence-uploader';
import { INITIAL_STATE } from '@/lib/action-state';
import { saveReportAction } from '@/lib/actions/reports';
import { REPORT_LIMITS } from '@/lib/validation/report-limits';

type Report = {
  id: number;
  version: number;
  status: string;
  progress: number;
  content: string;
  difficulties: string | null;
  proposals: string | null;
  noEvidenceReason: string | null;
  value: number | null;
  reviewComment: string | null;
  evidence: { id: number; fileName: string; sizeBytes: number; mimeType: string }[];
};

export function ReportForm({
  assignmentId,
  periodKey,
  options,
  report,
  evidenceRequired,
  indicator = null,
}: {
  assignmentId: number;
  periodKey: string;
  options: { key: string; label: string }[];
  report: Report | null;
  evidenceRequired: boolean;
  /** The indicator this task reports (decision 014): the form asks for the value measured. */
  indicator?: { name: string; measureUnit: string } | null;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState(saveReportAction, INITIAL_STATE);
  const value = (name: keyof Report & string, fallback = '') =>
    state.fields?.[name] ?? (report?.[name] != null ? String(report[name]) : fallback);
  const [progress, setProgress] = useState(value('progress', '0'));
  // The first upload creates the draft (version 1) before the page has refreshed its props.
  const [uploadedVersion, setUploadedVersion] = useState(0);
  const version = Math.max(report?.version ?? 0, report ? 0 : uploadedVersion);
  const errors = state.fieldErrors ?? {};

  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="periodKey" value={periodKey} />
      <input type="hidden" name="version" value={version} />

      {options.length > 1 ? (
        <div>
          <label htmlFor="period" className="block text-sm font-medium">
            Kỳ báo cáo
          </label>
          <select
            id="period"
            value={periodKey}
            onChange={(e) => router.push(`?period=${encodeURIComponent(e.target.value)}`)}
            className={`${inputClass} mt-1 sm:w-64`}
          >
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ErrorList id="periodKey-error" errors={errors.periodKey} />

      {report?.status === 'RETURNED' && report.reviewComment ? (
        <p className="rounded-md border border-orange-300 bg-orange-50 p-3 text-sm text-orange-900">
          <strong>Báo cáo bị trả lại — lý do:</strong> {report.reviewComment}
        </p>
      ) : null}

      {indicator ? (
        <Field
          id="value"
          label={`Giá trị chỉ tiêu đạt được trong kỳ (${indicator.measureUnit})`}
          hint={`${indicator.name}. Số thập phân viết bằng dấu phẩy, ví dụ 82,5.`}
          errors={errors.value}
        >
          {(aria) => (
            <input
              {...aria}
              name="value"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={
                state.fields?.value ?? (report?.value != null ? String(report.value).replace('.', ',') : '')
              }
              className={inputClass.replace('w-full', 'w-40')}
            />
          )}
        </Field>
      ) : null}

      <Field
        id="progress"
        label="Tiến độ (%)"
        hint="Từ 0 đến 100. Báo 100% khi đã hoàn thành nhiệm vụ."
        errors={errors.progress}
      >
        {(aria) => (
          <div className="flex items-center gap-3">
            <input
              {...aria}
              name="progress"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={progress}
              onChange={(e) => setProgress(e.target.value)}
              className={inputClass.replace('w-full', 'w-24')}
            />
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={Number(progress) || 0}
              onChange={(e) => setProgress(e.target.value)}
              aria-label="Kéo để chọn tiến độ"
              className="w-full max-w-xs accent-red-700"
            />
          </div>
        )}
      </Field>

      <Field
        id="content"
        label="Kết quả thực hiện"
        hint="Việc đã làm trong kỳ: số liệu, văn bản đã ban hành, hội nghị đã tổ chức…"
        errors={errors.content}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="content"
            rows={5}
            maxLength={REPORT_LIMITS.content}
            defaultValue={value('content')}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="difficulties" label="Khó khăn, vướng mắc" errors={errors.difficulties}>
        {(aria) => (
          <textarea
            {...aria}
            name="difficulties"
            rows={2}
            maxLength={REPORT_LIMITS.difficulties}
            defaultValue={value('difficulties')}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="proposals" label="Đề xuất, kiến nghị" errors={errors.proposals}>
        {(aria) => (
          <textarea
            {...aria}
            name="proposals"
            rows={2}
            maxLength={REPORT_LIMITS.proposals}
            defaultValue={value('proposals')}
            className={inputClass}
          />
        )}
      </Field>

      <EvidenceUploader
        assignmentId={assignmentId}
        periodKey={periodKey}
        initialFiles={report?.evidence ?? []}
        editable
        onUploaded={(r) => {
          setUploadedVersion(r.version);
          router.refresh();
        }}
      />

      {progress === '100' && evidenceRequired ? (
        <Field
          id="noEvidenceReason"
          label="Giải trình nếu không có tài liệu kiểm chứng"
          hint="Báo cáo hoàn thành 100% cần tài liệu kiểm chứng; nếu không có, hãy nêu lý do."
          errors={errors.noEvidenceReason}
        >
          {(aria) => (
            <textarea
              {...aria}
              name="noEvidenceReason"
              rows={2}
              maxLength={REPORT_LIMITS.noEvidenceReason}
              defaultValue={value('noEvidenceReason')}
              className={inputClass}
            />
          )}
        </Field>
      ) : (
        <ErrorList id="noEvidenceReason-error" errors={errors.noEvidenceReason} />
      )}

      <FormMessage ok={state.ok} message={state.message} />
      {state.stale && report ? (
        <div className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
          <p className="font-medium">Bản đã lưu mới nhất (tiến độ {report.progress}%):</p>
          <p className="mt-1 whitespace-pre-line text-slate-700">{report.content || '(trống)'}</p>
          <p className="mt-2 text-slate-600">
            Nội dung bạn vừa nhập vẫn còn trong biểu mẫu. Lưu lại nếu muốn thay bản trên.
          </p>
        </div>
      ) : null}

      <div className="flex flex-col gap-2 sm:flex-row">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-4 py-2.5 font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? 'Đang lưu…' : 'Lưu nháp'}
        </button>
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={pending}
          className="rounded-md bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? 'Đang gửi…' : 'Gửi báo cáo'}
        </button>
      </div>
    </form>
  );
}
