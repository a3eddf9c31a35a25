'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { loginErrorMessage } from '@/lib/login-messages';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Vui lòng nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await signIn('credentials', { username: username.trim(), password, redirect: false });
      if (!result || result.error) {
        // One message whatever went wrong: never tell whether the user exists.
        setError(loginErrorMessage(result?.error));
        setPassword('');
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div>
        <label htmlFor="username" className="block text-sm font-medium">Tên đăng nhập</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2.5 text-base focus:border-red-700 focus:outline-none focus:ring-1 focus:ring-red-700"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Mật khẩu</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2.5 text-base focus:border-red-700 focus:outline-none focus:ring-1 focus:ring-red-700"
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
