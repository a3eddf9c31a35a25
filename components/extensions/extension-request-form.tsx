'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { requestExtensionAction } from '@/lib/actions/extensions';

export function ExtensionRequestForm({ assignmentId }: { assignmentId: number }) {
  const [state, action, pending] = useActionState(requestExtensionAction, INITIAL_STATE);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <Field
        id="requestedDueDate"
        label="Thời hạn đề nghị"
        hint="Dạng dd/mm/yyyy, ví dụ 31/12/2026."
        errors={state.fieldErrors?.requestedDueDate}
      >
        {(aria) => (
          <input
            {...aria}
            name="requestedDueDate"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            defaultValue={state.fields?.requestedDueDate ?? ''}
            className={`${inputClass} sm:w-48`}
          />
        )}
      </Field>
      <Field id="reason" label="Lý do" errors={state.fieldErrors?.reason}>
        {(aria) => (
          <textarea
            {...aria}
            name="reason"
            rows={2}
            maxLength={2000}
            defaultValue={state.fields?.reason ?? ''}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Đang gửi…' : 'Gửi đề nghị gia hạn'}
      </button>
    </form>
  );
}
