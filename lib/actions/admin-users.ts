'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import * as users from '../data/admin-users';
import { PasswordResetInput, UserCreateInput, UserIdInput, UserUpdateInput } from '../validation/user';
import { choice } from '../validation/fields';
import { handleForm, withoutPassword } from './refusal';

/** Passwords are never echoed back to the browser. */
const echo = withoutPassword;

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UserCreateInput,
    async (input) => {
      const { userId } = await users.createUser(input);
      revalidatePath('/admin/users');
      return { redirectTo: `/admin/users/${userId}?created=1` };
    },
    { echo },
  );
}

export async function updateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UserUpdateInput,
    async (input, fields) => {
      await users.updateUser(input);
      revalidatePath('/admin/users');
      revalidatePath(`/admin/users/${input.userId}`);
      return {
        ok: true,
        message: 'Đã lưu. Vai trò và đơn vị mới có hiệu lực từ lần thao tác tiếp theo của người dùng.',
        fields,
      };
    },
    { echo },
  );
}

export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    PasswordResetInput,
    async (input) => {
      await users.resetPassword(input);
      revalidatePath(`/admin/users/${input.userId}`);
      return {
        ok: true,
        message:
          'Đã đặt mật khẩu mới. Mọi phiên đăng nhập của người dùng này đã kết thúc; lần đăng nhập tới họ phải đổi mật khẩu.',
        fields: {},
      };
    },
    { echo },
  );
}

const UserStatusInput = UserIdInput.extend({
  intent: choice(['deactivate', 'reactivate'], 'Thao tác không hợp lệ.'),
});

/** Deactivate or reactivate, chosen by the button pressed (`intent`). */
export async function userStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UserStatusInput,
    async ({ userId, intent }) => {
      if (intent === 'deactivate') await users.deactivateUser(userId);
      else await users.reactivateUser(userId);
      revalidatePath('/admin/users');
      revalidatePath(`/admin/users/${userId}`);
      return {
        ok: true,
        message:
          intent === 'deactivate'
            ? 'Đã khóa tài khoản. Mọi phiên đăng nhập của người dùng này đã kết thúc.'
            : 'Đã mở khóa tài khoản.',
        fields: {},
      };
    },
    { invalid: 'operation' },
  );
}
