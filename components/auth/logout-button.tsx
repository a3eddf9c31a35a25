'use client';

import { useFormStatus } from 'react-dom';
import { logoutAction } from '@/lib/actions/logout';

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md border border-white/30 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/10 disabled:opacity-60"
    >
      {pending ? 'Đang thoát…' : 'Đăng xuất'}
    </button>
  );
}

/** A form posting to a server action: signs out with or without JavaScript, no next-auth client code in the page. */
export function LogoutButton() {
  return (
    <form action={logoutAction}>
      <Submit />
    </form>
  );
}
