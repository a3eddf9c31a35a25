'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { createUserAction, resetPasswordAction, updateUserAction } from '@/lib/actions/admin-users';
import { ROLE_LABELS } from '@/lib/permissions';
import { ROLES, USER_LIMITS } from '@/lib/validation/user-limits';
import { primaryButton, secondaryButton } from './styles';
import { UnitOptions } from './task-form';

type Unit = { id: number; name: string; kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE' };
type User = {
  id: number;
  username: string;
  displayName: string;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  role: (typeof ROLES)[number];
  unit: { id: number };
};

const PASSWORD_HINT = `Ít nhất ${USER_LIMITS.passwordMin} ký tự, không phải mật khẩu phổ biến. Gửi cho người dùng qua kênh riêng.`;
const RESET_HINT = `${PASSWORD_HINT} Lần đăng nhập tới, người dùng phải đổi sang mật khẩu của riêng họ.`;

/** Create a user (with an initial password), or edit one (`user` given): profile, role, unit. */
export function UserForm({ user, units }: { user?: User; units: Unit[] }) {
  const [state, action, pending] = useActionState(user ? updateUserAction : createUserAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const initial: Record<string, string> = {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    jobTitle: user?.jobTitle ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    role: user?.role ?? 'OFFICER',
    unitId: user ? String(user.unit.id) : '',
  };
  const value = (n: string) => state.fields?.[n] ?? initial[n] ?? '';
  return (
    <form action={action} className="space-y-4" noValidate>
      {user ? <input type="hidden" name="userId" value={user.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {user ? (
          <p className="text-sm sm:col-span-2">
            Tên đăng nhập: <strong>{user.username}</strong>
          </p>
        ) : (
          <Field
            id="user-username"
            label="Tên đăng nhập"
            hint="Chữ thường không dấu, số, dấu chấm; ví dụ cb.thanhsen."
            errors={errors.username}
          >
            {(aria) => (
              <input
                {...aria}
                name="username"
                autoComplete="off"
                maxLength={USER_LIMITS.username}
                defaultValue={value('username')}
                className={inputClass}
              />
            )}
          </Field>
        )}
        <Field id="user-displayName" label="Họ và tên" errors={errors.displayName}>
          {(aria) => (
            <input
              {...aria}
              name="displayName"
              maxLength={USER_LIMITS.displayName}
              defaultValue={value('displayName')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="user-jobTitle" label="Chức vụ" errors={errors.jobTitle}>
          {(aria) => (
            <input
              {...aria}
              name="jobTitle"
              maxLength={USER_LIMITS.jobTitle}
              defaultValue={value('jobTitle')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="user-role" label="Vai trò" errors={errors.role}>
          {(aria) => (
            <select key={value('role')} name="role" defaultValue={value('role')} {...aria} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="user-unitId" label="Đơn vị" errors={errors.unitId}>
          {(aria) => (
            <select key={value('unitId')} name="unitId" defaultValue={value('unitId')} {...aria} className={inputClass}>
              <option value="">— Chọn đơn vị —</option>
              <UnitOptions units={units} />
            </select>
          )}
        </Field>
        <Field id="user-email" label="Thư điện tử" errors={errors.email}>
          {(aria) => (
            <input
              {...aria}
              name="email"
              type="email"
              maxLength={USER_LIMITS.email}
              defaultValue={value('email')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="user-phone" label="Điện thoại" errors={errors.phone}>
          {(aria) => (
            <input
              {...aria}
              name="phone"
              type="tel"
              maxLength={USER_LIMITS.phone}
              defaultValue={value('phone')}
              className={inputClass}
            />
          )}
        </Field>
        {user ? null : (
          <Field id="user-password" label="Mật khẩu ban đầu" hint={PASSWORD_HINT} errors={errors.password}>
            {(aria) => (
              <input
                {...aria}
                name="password"
                type="password"
                autoComplete="new-password"
                maxLength={USER_LIMITS.passwordMax}
                className={inputClass}
              />
            )}
          </Field>
        )}
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : user ? 'Lưu người dùng' : 'Tạo người dùng'}
      </button>
    </form>
  );
}

/** Sets a new password; every session of the user ends. */
export function PasswordResetForm({ userId }: { userId: number }) {
  const [state, action, pending] = useActionState(resetPasswordAction, INITIAL_STATE);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <Field id="reset-password" label="Mật khẩu mới" hint={RESET_HINT} errors={state.fieldErrors?.password}>
        {(aria) => (
          <input
            {...aria}
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={USER_LIMITS.passwordMax}
            className={`${inputClass} sm:w-80`}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? 'Đang đặt…' : 'Đặt lại mật khẩu'}
      </button>
    </form>
  );
}
