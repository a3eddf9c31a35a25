'use server';

import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import { renewSessionCookie } from '../auth';
import { changeOwnPassword } from '../data/account';
import { PasswordChangeInput } from '../validation/account';
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
