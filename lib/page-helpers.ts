import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { AppError, PasswordChangeRequiredError } from './errors';

/** Route params are text: only a positive integer id is looked up, anything else is a 404. */
export function parseId(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) notFound();
  const id = Number(value);
  if (id > 2_147_483_647) notFound();
  return id;
}

/**
 * For pages: a data call whose refusal becomes the page a user should see — not found for what
 * they may not see or open, the login page when the session ended.
 */
export async function loadPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'UNAUTHENTICATED') redirect('/login');
      if (error instanceof PasswordChangeRequiredError) redirect('/account/password');
      if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') notFound();
    }
    throw error;
  }
}
