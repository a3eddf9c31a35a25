'use server';

import { redirect } from 'next/navigation';
import { signOutHere } from '../auth';

/** "Đăng xuất": ends this browser's session and shows the login page (lib/auth.ts `signOutHere`). */
export async function logoutAction(): Promise<void> {
  await signOutHere();
  redirect('/login');
}
