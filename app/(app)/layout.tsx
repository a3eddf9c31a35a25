import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/auth';

// The user's name and navigation only; every page's data function authorizes itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
