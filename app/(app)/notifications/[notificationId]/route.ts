import { parseIdText } from '@/lib/validation/fields';
import { redirect } from 'next/navigation';
import { openNotification } from '@/lib/data/notifications';
import { AppError } from '@/lib/errors';
import { appOrigin, safeRedirectPath } from '@/lib/safe-url';

/** Opening a notification marks it read, then goes where it points. */
export async function GET(_request: Request, { params }: { params: Promise<{ notificationId: string }> }) {
  const { notificationId } = await params;
  let target = '/notifications';
  // Anything but a plain int4 id (2147483648 included) names nothing: back to the list.
  const id = parseIdText(notificationId);
  if (id !== null) {
    try {
      target = await openNotification(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'UNAUTHENTICATED') target = '/login';
    }
  }
  redirect(safeRedirectPath(target, appOrigin(), '/notifications'));
}
