import type { Metadata } from 'next';
import { card } from '@/components/admin/styles';
import { PasswordChangeForm } from '@/components/account/password-change-form';
import { requireUser } from '@/lib/auth';

export const metadata: Metadata = { title: 'Đổi mật khẩu' };

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowPasswordChange: true });
  return (
    <section className="max-w-lg space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Đổi mật khẩu</h1>
      {user.mustChangePassword ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Mật khẩu của bạn vừa được quản trị viên đặt lại. Hãy đặt mật khẩu của riêng bạn để tiếp tục sử dụng hệ thống.
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          Sau khi đổi, mọi phiên đăng nhập khác của bạn (trên máy khác, trình duyệt khác) sẽ kết thúc.
        </p>
      )}
      <div className={card}>
        <PasswordChangeForm username={user.username} />
      </div>
    </section>
  );
}
