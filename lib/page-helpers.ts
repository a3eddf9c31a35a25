import 'server-only';
import { parseIdText } from './validation/fields';
import { notFound, redirect } from 'next/navigation';
import { AppError, PasswordChangeRequiredError } from './errors';

/** Route params are text: only a positive int4 id (1..2147483647) is looked up, anything else is a 404. */
export function parseId(value: string): number {
  const id = parseIdText(value);
  if (id === null) notFound();
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
