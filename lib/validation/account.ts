/** A user changing their own password (the policy beyond length is checked on the server: lib/password-policy.ts). */
import { z } from 'zod';
import { password, USER_LIMITS } from './user';

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
