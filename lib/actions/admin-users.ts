'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formFields, type ActionState } from '../action-state';
import * as users from '../data/admin-users';
import { PasswordResetInput, UserCreateInput, UserIdInput, UserUpdateInput } from '../validation/user';
import { choice } from '../validation/fields';
import { invalid, refusal } from './refusal';

/** Passwords are never echoed back to the browser. */
function withoutPassword(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'password'));
}

function invalidUser(error: z.ZodError, fields: Record<string, string>): ActionState {
  return invalid(error, withoutPassword(fields));
}

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = UserCreateInput.safeParse(fields);
  if (!parsed.success) return invalidUser(parsed.error, fields);
  let id: number;
  try {
    id = (await users.createUser(parsed.data)).userId;
  } catch (error) {
    return refusal(error, withoutPassword(fields));
  }
  revalidatePath('/admin/users');
  redirect(`/admin/users/${id}?created=1`);
}

export async function updateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = UserUpdateInput.safeParse(fields);
  if (!parsed.success) return invalidUser(parsed.error, fields);
  try {
    await users.updateUser(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/users');
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return {
    ok: true,
    message: 'Đã lưu. Vai trò và đơn vị mới có hiệu lực từ lần thao tác tiếp theo của người dùng.',
    fields,
  };
}

export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = PasswordResetInput.safeParse(fields);
  if (!parsed.success) return invalidUser(parsed.error, fields);
  try {
    await users.resetPassword(parsed.data);
  } catch (error) {
    return refusal(error, withoutPassword(fields));
  }
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return {
    ok: true,
    message:
      'Đã đặt mật khẩu mới. Mọi phiên đăng nhập của người dùng này đã kết thúc; lần đăng nhập tới họ phải đổi mật khẩu.',
    fields: {},
  };
}

/** Deactivate or reactivate, chosen by the button pressed (`intent`). */
export async function userStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = UserIdInput.extend({
    intent: choice(['deactivate', 'reactivate'], 'Thao tác không hợp lệ.'),
  }).safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  try {
    if (parsed.data.intent === 'deactivate') await users.deactivateUser(parsed.data.userId);
    else await users.reactivateUser(parsed.data.userId);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/users');
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return {
    ok: true,
    message:
      parsed.data.intent === 'deactivate'
        ? 'Đã khóa tài khoản. Mọi phiên đăng nhập của người dùng này đã kết thúc.'
        : 'Đã mở khóa tài khoản.',
    fields: {},
  };
}
