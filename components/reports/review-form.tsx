'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { reviewReportAction } from '@/lib/actions/reports';
import { REPORT_LIMITS } from '@/lib/validation/report-limits';

export function ReviewForm({ reportId, version }: { reportId: number; version: number }) {
  const [state, action, pending] = useActionState(reviewReportAction, INITIAL_STATE);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <Field
        id="comment"
        label="Ý kiến của người duyệt"
        hint="Bắt buộc khi trả lại: nêu rõ cần bổ sung gì."
        errors={state.fieldErrors?.comment}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="comment"
            rows={3}
            maxLength={REPORT_LIMITS.reason}
            defaultValue={state.fields?.comment ?? ''}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded-md bg-green-700 px-4 py-2.5 font-semibold text-white hover:bg-green-800 disabled:opacity-60"
        >
          Duyệt
        </button>
        <button
          type="submit"
          name="decision"
          value="return"
          disabled={pending}
          className="rounded-md bg-orange-800 px-4 py-2.5 font-semibold text-white hover:bg-orange-900 disabled:opacity-60"
        >
          Trả lại
        </button>
      </div>
    </form>
  );
}
