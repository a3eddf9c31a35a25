import type { Metadata } from 'next';
import Link from 'next/link';
import { markAllReadAction } from '@/lib/actions/notifications';
import { listNotifications } from '@/lib/data/notifications';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thông báo' };

export default async function NotificationsPage() {
  const items = await loadPage(listNotifications());
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold sm:text-2xl">Thông báo</h1>
        {unread > 0 ? (
          <form action={markAllReadAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            >
              Đánh dấu tất cả đã đọc ({unread})
            </button>
          </form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Chưa có thông báo nào.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? '' : 'bg-blue-50/60'}>
              <Link href={`/notifications/${n.id}`} prefetch={false} className="block px-4 py-3 hover:bg-slate-50">
                <p className="font-medium">
                  {!n.readAt ? (
                    <span className="mr-2 inline-block size-2 rounded-full bg-blue-600" aria-label="Chưa đọc" />
                  ) : null}
                  {n.title}
                </p>
                {n.body ? <p className="text-sm text-slate-600">{n.body}</p> : null}
                <p className="text-xs text-slate-500">{formatDateTimeVn(n.createdAt)}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
