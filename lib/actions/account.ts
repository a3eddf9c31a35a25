'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { renewSessionCookie } from '../auth';
import { changeOwnPassword, updateEmailSettings } from '../data/account';
import { EmailSettingsInput, PasswordChangeInput } from '../validation/account';
import { handleForm } from './refusal';

/** Change my password. Nothing typed here is echoed back to the browser (every field is a password). */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    PasswordChangeInput,
    async (input) => {
      const result = await changeOwnPassword(input);
      // This browser carries on with the new session version; every other session has ended.
      await renewSessionCookie(result.sessionVersion);
      if (result.wasForced) return { redirectTo: '/' };
      return { ok: true, message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.', fields: {} };
    },
    { echo: () => ({}) },
  );
}

/** My e-mail address and how notifications reach it. */
export async function updateEmailSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, EmailSettingsInput, async (input, fields) => {
    await updateEmailSettings(input);
    revalidatePath('/account/email');
    return { ok: true, message: 'Đã lưu cách nhận thư điện tử.', fields };
  });
}
