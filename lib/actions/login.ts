'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '../action-state';
import { signInWithPassword } from '../auth';
import { loginRefusalMessage } from '../login-messages';
import { appOrigin, safeCallbackUrl } from '../safe-url';

const LoginForm = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
  callbackUrl: z.string().optional(),
});

/**
 * The login form's action: a POST (never a GET, so the password never lands in a URL or a log),
 * working with or without JavaScript. Success redirects to the callbackUrl only when it is a safe
 * same-origin path (lib/safe-url.ts). The username is echoed back, the password never.
 */
export async function loginAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const fields = { username: text('username').slice(0, 200), callbackUrl: text('callbackUrl').slice(0, 2000) };
  const parsed = LoginForm.safeParse({
    username: text('username'),
    password: text('password'),
    callbackUrl: text('callbackUrl'),
  });
  if (!parsed.success) return { ok: false, message: 'Vui lòng nhập tên đăng nhập và mật khẩu.', fields };
  // One message whatever went wrong (never whether the user exists), plus the wait when backed off.
  const outcome = await signInWithPassword(parsed.data.username, parsed.data.password);
  if (!outcome.ok) return { ok: false, message: loginRefusalMessage(outcome.retryAfter), fields };
  redirect(safeCallbackUrl(parsed.data.callbackUrl, appOrigin()));
}
