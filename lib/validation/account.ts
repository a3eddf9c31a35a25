/** A user changing their own password (the policy beyond length is checked on the server: lib/password-policy.ts). */
import { z } from 'zod';
import { EMAIL_PREFERENCES } from '../domain/email';
import { choice } from './fields';
import { email, password } from './user';
import { USER_LIMITS } from './user-limits';

export const PasswordChangeInput = z
  .object({
    currentPassword: z
      .string({ error: 'Nhập mật khẩu hiện tại.' })
      .min(1, { error: 'Nhập mật khẩu hiện tại.' })
      .max(USER_LIMITS.passwordMax, { error: 'Mật khẩu hiện tại không đúng.' }),
    newPassword: password,
    confirmPassword: z.string({ error: 'Nhập lại mật khẩu mới.' }),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Mật khẩu nhập lại không khớp.' });
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' });
  });
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** A user's own e-mail address and how notifications reach it (decision 019). */
export const EmailSettingsInput = z.object({
  email,
  emailPreference: choice(EMAIL_PREFERENCES, 'Chọn cách nhận thư.'),
});
export type EmailSettingsInput = z.infer<typeof EmailSettingsInput>;
