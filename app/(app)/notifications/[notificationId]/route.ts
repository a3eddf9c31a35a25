import { redirect } from 'next/navigation';
import { openNotification } from '@/lib/data/notifications';
import { AppError } from '@/lib/errors';
import { appOrigin, safeRedirectPath } from '@/lib/safe-url';

/** Opening a notification marks it read, then goes where it points. */
export async function GET(_request: Request, { params }: { params: Promise<{ notificationId: string }> }) {
  const { notificationId } = await params;
  let target = '/notifications';
  if (/^[1-9][0-9]{0,9}$/.test(notificationId)) {
    try {
      target = await openNotification(Number(notificationId));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'UNAUTHENTICATED') target = '/login';
    }
  }
  redirect(safeRedirectPath(target, appOrigin(), '/notifications'));
}
