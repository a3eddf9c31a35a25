'use server';

import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import { renewSessionCookie } from '../auth';
import { revalidatePath } from 'next/cache';
import { changeOwnPassword, updateEmailSettings } from '../data/account';
import { EmailSettingsInput, PasswordChangeInput } from '../validation/account';
import { invalid, refusal } from './refusal';

/** Change my password. Passwords are never echoed back to the browser. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = PasswordChangeInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, {});
  let result: { sessionVersion: number; wasForced: boolean };
  try {
    result = await changeOwnPassword(parsed.data);
  } catch (error) {
    return refusal(error, {});
  }
  // This browser carries on with the new session version; every other session has ended.
  await renewSessionCookie(result.sessionVersion);
  if (result.wasForced) redirect('/');
  return { ok: true, message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.', fields: {} };
}

/** My e-mail address and how notifications reach it. */
export async function updateEmailSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = EmailSettingsInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await updateEmailSettings(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/account/email');
  return { ok: true, message: 'Đã lưu cách nhận thư điện tử.', fields };
}
