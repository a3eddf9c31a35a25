import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { card, secondaryButton, td, th } from '@/components/admin/styles';
import { resendEmailAction } from '@/lib/actions/admin-email';
import { listUndeliveredEmails } from '@/lib/data/email-outbox';
import { MAX_ATTEMPTS } from '@/lib/domain/email';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thư điện tử không gửi được' };

/**
 * The administrator's view of the e-mail outbox (decisions 019, 023): messages that failed for
 * good, with "Gửi lại", and those waiting for another attempt, with when it will be.
 */
export default async function UndeliveredEmailPage() {
  const { failed, retrying, messages } = await loadPage(listUndeliveredEmails());
  return (
    <section className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/audit" className="hover:underline">
          Nhật ký
        </Link>{' '}
        / Thư điện tử không gửi được
      </nav>
      <header className="space-y-1">
        <h1 className="text-xl font-bold sm:text-2xl">Thư điện tử không gửi được</h1>
        <p className="text-sm text-slate-700">
          <span data-testid="email-failed-count">{failed}</span> thư không gửi được ·{' '}
          <span data-testid="email-retrying-count">{retrying}</span> thư đang chờ thử lại. Mỗi thư được thử tối đa{' '}
          {MAX_ATTEMPTS} lần trong khoảng 10 giờ; máy chủ thư từ chối hẳn (mã 5xx) thì dừng ngay. Sửa địa chỉ của người
          dùng hoặc cấu hình máy chủ thư trước khi gửi lại. Địa chỉ được che bớt.
        </p>
      </header>
      {messages.length === 0 ? (
        <p className={`${card} text-center text-slate-600`}>Không có thư nào bị lỗi: mọi thư đã được gửi.</p>
      ) : (
        <div className={`${card} overflow-x-auto`}>
          <table className="min-w-full">
            <caption className="sr-only">Thư điện tử không gửi được hoặc đang chờ thử lại</caption>
            <thead className="border-b border-slate-200">
              <tr>
                <th className={th}>Người nhận</th>
                <th className={th}>Tiêu đề</th>
                <th className={th}>Tình trạng</th>
                <th className={th}>Lý do</th>
                <th className={th}>Số lần thử</th>
                <th className={th}>
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-b border-slate-100" data-testid={`email-${m.id}`}>
                  <td className={td}>
                    {m.recipient}
                    <span className="block text-xs text-slate-600">{m.to}</span>
                  </td>
                  <td className={td}>
                    {m.subject}
                    <span className="block text-xs text-slate-600">
                      {m.kind === 'digest' ? 'Thư tổng hợp' : 'Thông báo'}, tạo lúc {formatDateTimeVn(m.createdAt)}
                    </span>
                  </td>
                  <td className={td}>
                    {m.status === 'FAILED' ? (
                      <span className="font-medium text-red-800">Không gửi được</span>
                    ) : (
                      <>
                        Chờ thử lại
                        {m.nextAttemptAt ? (
                          <span className="block text-xs text-slate-600">
                            lần tới: {formatDateTimeVn(m.nextAttemptAt)}
                          </span>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td className={`${td} max-w-xs break-words`}>{m.reason ?? '—'}</td>
                  <td className={td}>{m.attempts}</td>
                  <td className={td}>
                    {m.status === 'FAILED' ? (
                      <ActionButton
                        action={resendEmailAction}
                        fields={{ emailId: m.id }}
                        label="Gửi lại"
                        className={secondaryButton}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
