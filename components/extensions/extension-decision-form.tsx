'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { decideExtensionAction } from '@/lib/actions/extensions';

export function ExtensionDecisionForm({ extensionId }: { extensionId: number }) {
  const [state, action, pending] = useActionState(decideExtensionAction, INITIAL_STATE);
  const id = `comment-${extensionId}`;
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="extensionId" value={extensionId} />
      <Field id={id} label="Ý kiến" hint="Bắt buộc khi không đồng ý." errors={state.fieldErrors?.comment}>
        {(aria) => (
          <textarea
            {...aria}
            name="comment"
            rows={2}
            maxLength={2000}
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
          className="rounded-md bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60"
        >
          Đồng ý gia hạn
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded-md bg-slate-600 px-4 py-2 font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Không đồng ý
        </button>
      </div>
    </form>
  );
}
