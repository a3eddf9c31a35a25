import Link from 'next/link';
import { LogoutButton } from '@/components/auth/logout-button';
import { countUnreadNotifications } from '@/lib/data/notifications';
import { ROLE_LABELS, type SessionUser } from '@/lib/permissions';
import { MainNav } from './main-nav';
import { navFor } from './nav';

// No prefetching from the header (here and in MainNav): every page is rendered per request (and has
// no loading.tsx), so a prefetch is a full server render of the layout for each link on every page
// view — measured, 12 requests per view of the officer home (docs/benchmarks/load.md).
export async function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const items = navFor(user);
  const unread = await countUnreadNotifications();
  return (
    <div className="min-h-dvh">
      <header className="no-print bg-red-800 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" prefetch={false} className="flex items-baseline gap-2">
            <span className="text-lg font-bold">Đôn đốc</span>
            <span className="hidden text-xs text-red-100 sm:inline">UBND thành phố Hà Tĩnh</span>
          </Link>
          <div className="flex items-center gap-3">
            <div className="hidden text-right text-xs leading-tight sm:block">
              <p className="font-semibold" data-testid="current-user">
                {user.displayName}
              </p>
              <p className="text-red-100">
                {ROLE_LABELS[user.role]} · {user.unitName}
              </p>
            </div>
            <Link
              href="/notifications"
              prefetch={false}
              className="relative rounded-md p-2 hover:bg-white/10"
              aria-label={unread > 0 ? `Thông báo: ${unread} chưa đọc` : 'Thông báo'}
            >
              <svg aria-hidden viewBox="0 0 24 24" className="size-5 fill-none stroke-current stroke-2">
                <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" />
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
              </svg>
              {unread > 0 ? (
                <span
                  data-testid="unread-count"
                  className="absolute -top-1 -right-1 min-w-5 rounded-full bg-yellow-400 px-1 text-center text-xs font-bold text-red-900"
                >
                  {unread > 99 ? '99+' : unread}
                </span>
              ) : null}
            </Link>
            <LogoutButton />
          </div>
        </div>
        <MainNav items={items} />
        <p className="bg-white px-4 pt-3 text-xs text-slate-600 sm:hidden">
          {user.displayName} · {ROLE_LABELS[user.role]} · {user.unitName}
        </p>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-5 sm:py-8">{children}</main>
    </div>
  );
}
