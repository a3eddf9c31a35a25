'use client';

import { useActionState } from 'react';
import { INITIAL_STATE } from '@/lib/action-state';
import { loginAction } from '@/lib/actions/login';

/**
 * Posts to a server action, so it works before (or without) JavaScript: React renders the form
 * with method="POST" and the action's id, and the credentials travel only in the request body.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(loginAction, INITIAL_STATE);
  const error = state.message ?? null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Tên đăng nhập
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          defaultValue={state.fields?.username ?? ''}
          key={`username-${state.fields?.username ?? ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2.5 text-base focus:border-red-700 focus:ring-1 focus:ring-red-700 focus:outline-none"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Mật khẩu
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2.5 text-base focus:border-red-700 focus:ring-1 focus:ring-red-700 focus:outline-none"
        />
      </div>
      <div aria-live="polite" id="login-error" className="min-h-5 text-sm text-red-700">
        {error ? <p role="alert">{error}</p> : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
      >
        {pending ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
