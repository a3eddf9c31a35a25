import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentUser } from '@/lib/auth';
import { appOrigin, safeCallbackUrl } from '@/lib/safe-url';

export const metadata: Metadata = { title: 'Đăng nhập' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  // Only ever a same-origin path: used for the redirect below and by the form after login.
  const target = safeCallbackUrl(callbackUrl, appOrigin());
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-b from-red-800 to-red-950 px-4 py-10">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-xl sm:p-8">
        <div className="mb-6 text-center">
          <p className="text-xs font-semibold tracking-wide text-red-700 uppercase">UBND thành phố Hà Tĩnh</p>
          <h1 className="mt-1 text-2xl font-bold">Đôn đốc</h1>
          <p className="mt-1 text-sm text-slate-600">Theo dõi, đôn đốc thực hiện nhiệm vụ</p>
        </div>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
