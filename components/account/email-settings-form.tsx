'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/components/admin/styles';
import { ErrorList, Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { updateEmailSettingsAction } from '@/lib/actions/account';
import { EMAIL_PREFERENCE_LABELS, EMAIL_PREFERENCES, type EmailPreference } from '@/lib/domain/email';
import { USER_LIMITS } from '@/lib/validation/user-limits';

/** My address and how notifications reach it (decision 019). */
export function EmailSettingsForm({
  email,
  emailPreference,
}: {
  email: string | null;
  emailPreference: EmailPreference;
}) {
  const [state, action, pending] = useActionState(updateEmailSettingsAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (name: 'email' | 'emailPreference') =>
    state.fields?.[name] ?? (name === 'email' ? (email ?? '') : emailPreference);
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field id="account-email" label="Địa chỉ thư điện tử" errors={errors.email}>
        {(aria) => (
          <input
            {...aria}
            key={`email-${value('email')}`}
            name="email"
            type="email"
            autoComplete="email"
            maxLength={USER_LIMITS.email}
            defaultValue={value('email')}
            className={inputClass}
          />
        )}
      </Field>
      <fieldset aria-describedby="emailPreference-error">
        <legend className="text-sm font-medium">Nhận thông báo qua thư điện tử</legend>
        <div className="mt-1 space-y-2">
          {EMAIL_PREFERENCES.map((p) => (
            <label key={p} className="flex items-center gap-2 text-base">
              <input
                key={`pref-${value('emailPreference')}`}
                type="radio"
                name="emailPreference"
                value={p}
                defaultChecked={value('emailPreference') === p}
                className="h-4 w-4 accent-red-700"
              />
              {EMAIL_PREFERENCE_LABELS[p]}
            </label>
          ))}
        </div>
        <ErrorList id="emailPreference-error" errors={errors.emailPreference} />
      </fieldset>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : 'Lưu'}
      </button>
    </form>
  );
}
