import { LogoutButton } from '@/components/auth/logout-button';
import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/auth';

/**
 * The user's own account. Also reached by a user who must change their password (after an
 * administrator's reset): they get no navigation, since the data layer refuses them everything else.
 */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser({ allowPasswordChange: true });
  if (!user.mustChangePassword) return <AppShell user={user}>{children}</AppShell>;
  return (
    <div className="min-h-dvh">
      <header className="bg-red-800 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <span className="text-lg font-bold">Đôn đốc</span>
          <LogoutButton />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-5 sm:py-8">{children}</main>
    </div>
  );
}
