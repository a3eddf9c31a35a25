'use client';

import { useActionState } from 'react';
import { primaryButton } from '@/components/admin/styles';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { changePasswordAction } from '@/lib/actions/account';
import { USER_LIMITS } from '@/lib/validation/user-limits';

/** Current password, new password twice. Nothing typed here is ever sent back by the server. */
export function PasswordChangeForm({ username }: { username: string }) {
  const [state, action, pending] = useActionState(changePasswordAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Field id="current-password" label="Mật khẩu hiện tại" errors={errors.currentPassword}>
        {(aria) => (
          <input
            {...aria}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            maxLength={USER_LIMITS.passwordMax}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="new-password"
        label="Mật khẩu mới"
        hint={`Ít nhất ${USER_LIMITS.passwordMin} ký tự, không phải mật khẩu phổ biến hay tên của bạn. Một cụm từ dài dễ nhớ là tốt nhất.`}
        errors={errors.newPassword}
      >
        {(aria) => (
          <input
            {...aria}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            maxLength={USER_LIMITS.passwordMax}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="confirm-password" label="Nhập lại mật khẩu mới" errors={errors.confirmPassword}>
        {(aria) => (
          <input
            {...aria}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            maxLength={USER_LIMITS.passwordMax}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang đổi…' : 'Đổi mật khẩu'}
      </button>
    </form>
  );
}
