/** Users: create, edit (role, unit), reset a password, deactivate. */
import { z } from 'zod';
import { choice, cleanText, id, optionalText } from './fields';
import { ROLES, USER_LIMITS } from './user-limits';

const username = z
  .string({ error: 'Nhập tên đăng nhập.' })
  // An identifier: strict (a control character is refused by the pattern, not dropped).
  .transform((v) => v.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, { error: 'Tên đăng nhập cần ít nhất 3 ký tự.' })
      .max(USER_LIMITS.username, { error: `Tên đăng nhập tối đa ${USER_LIMITS.username} ký tự.` })
      .regex(/^[a-z0-9][a-z0-9._-]*$/, {
        error: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới (ví dụ cb.thanhsen).',
      }),
  );

const displayName = z
  .string({ error: 'Nhập họ và tên.' })
  .transform((v) => cleanText(v))
  .pipe(
    z
      .string()
      .min(2, { error: 'Nhập họ và tên.' })
      .max(USER_LIMITS.displayName, { error: `Họ và tên tối đa ${USER_LIMITS.displayName} ký tự.` }),
  );

export const email = z
  .string({ error: 'Địa chỉ thư điện tử không hợp lệ.' })
  .optional()
  .transform((v) => cleanText(v ?? ''))
  .pipe(z.union([z.literal(''), z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }).max(USER_LIMITS.email)]))
  .transform((v) => (v === '' ? null : v));

const phone = z
  .string({ error: 'Số điện thoại không hợp lệ.' })
  .optional()
  .transform((v) => cleanText(v ?? ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^[0-9 +().-]{6,20}$/, { error: 'Số điện thoại không hợp lệ.' })]))
  .transform((v) => (v === '' ? null : v));

export const password = z
  .string({ error: `Nhập mật khẩu (ít nhất ${USER_LIMITS.passwordMin} ký tự).` })
  .min(USER_LIMITS.passwordMin, { error: `Mật khẩu cần ít nhất ${USER_LIMITS.passwordMin} ký tự.` })
  .max(USER_LIMITS.passwordMax, { error: `Mật khẩu tối đa ${USER_LIMITS.passwordMax} ký tự.` })
  .refine((v) => v.trim() === v, { error: 'Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.' });

const role = choice(ROLES, 'Chọn vai trò.');

const profile = {
  displayName,
  jobTitle: optionalText('Chức vụ', USER_LIMITS.jobTitle),
  email,
  phone,
  role,
  unitId: id('Đơn vị'),
};

export const UserCreateInput = z.object({ username, ...profile, password });
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserUpdateInput = z.object({ userId: id('Người dùng'), ...profile });
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const PasswordResetInput = z.object({ userId: id('Người dùng'), password });
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;

export const UserIdInput = z.object({ userId: id('Người dùng') });
