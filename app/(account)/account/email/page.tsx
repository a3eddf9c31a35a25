import type { Metadata } from 'next';
import { card } from '@/components/admin/styles';
import { EmailSettingsForm } from '@/components/account/email-settings-form';
import { getEmailSettings } from '@/lib/data/account';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thư điện tử' };

export default async function EmailSettingsPage() {
  const settings = await loadPage(getEmailSettings());
  return (
    <section className="max-w-lg space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Thư điện tử nhận thông báo</h1>
      {settings.configured ? (
        <p className="text-sm text-slate-600">
          Ngoài thông báo trong hệ thống, bạn có thể nhận thư cho mỗi thông báo, hoặc một thư tổng hợp các thông báo
          chưa đọc vào 7 giờ sáng mỗi ngày.
        </p>
      ) : (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Hệ thống chưa được cấu hình máy chủ thư (SMTP): hiện chưa gửi thư điện tử, bạn vẫn nhận thông báo trong hệ
          thống. Địa chỉ và lựa chọn lưu ở đây sẽ được dùng khi quản trị viên cấu hình xong.
        </p>
      )}
      <div className={card}>
        <EmailSettingsForm email={settings.email} emailPreference={settings.emailPreference} />
      </div>
    </section>
  );
}
