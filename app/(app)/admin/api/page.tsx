import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { ApiTokenForm } from '@/components/admin/api-token-form';
import { card, smallButton, td, th } from '@/components/admin/styles';
import { revokeApiTokenAction } from '@/lib/actions/admin-api-tokens';
import { listApiTokens, listApiTokenUnits } from '@/lib/data/api-tokens';
import { API_CALLS_PER_MINUTE, API_TOKEN_SCOPE_LABELS } from '@/lib/domain/api-tokens';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'API cho hệ thống khác' };

const STATE_LABELS = { ACTIVE: 'Đang dùng', EXPIRED: 'Hết hạn', REVOKED: 'Đã thu hồi' } as const;

/** The administrator's API tokens: issue, see their use, revoke (decision 020). */
export default async function ApiTokensPage() {
  const [tokens, units] = await loadPage(Promise.all([listApiTokens(), listApiTokenUnits()]));
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">API cho hệ thống khác</h1>
      <p className="text-sm text-slate-700">
        Hệ thống của tỉnh và các hệ thống khác đọc chương trình, nhiệm vụ, tình trạng thực hiện, báo cáo và chỉ tiêu qua
        API chỉ đọc, bằng mã truy cập cấp ở đây. Mã đọc toàn bộ thấy như Lãnh đạo UBND thành phố; mã của một đơn vị thấy
        như công chức của đơn vị đó. Mỗi mã được gọi tối đa {API_CALLS_PER_MINUTE} lần mỗi phút; việc sử dụng được ghi
        vào nhật ký. Tài liệu cho lập trình viên:{' '}
        <Link href="/api-docs" className="font-medium text-blue-800 underline">
          Tài liệu API
        </Link>
        .
      </p>
      <div className={card}>
        <h2 className="mb-3 font-semibold">Cấp mã truy cập mới</h2>
        <ApiTokenForm units={units} />
      </div>
      {tokens.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Chưa cấp mã truy cập nào.
        </p>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200"
          tabIndex={0}
          role="region"
          aria-label="Các mã truy cập"
        >
          <table className="w-full bg-white">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  Hệ thống
                </th>
                <th scope="col" className={th}>
                  Phạm vi
                </th>
                <th scope="col" className={th}>
                  Tình trạng
                </th>
                <th scope="col" className={th}>
                  Hết hạn
                </th>
                <th scope="col" className={th}>
                  Dùng lần cuối
                </th>
                <th scope="col" className={th}>
                  Số lần gọi 24 giờ qua
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className={td}>
                    <div className="font-medium">{t.name}</div>
                    <div className="font-mono text-xs text-slate-600">{t.prefix}…</div>
                    <div className="text-xs text-slate-600">
                      Cấp {formatDateVn(t.createdAt)} bởi {t.issuedBy}
                    </div>
                  </td>
                  <td className={td}>{t.scope === 'UNIT' ? t.unitName : API_TOKEN_SCOPE_LABELS.READ_ALL}</td>
                  <td className={td}>{STATE_LABELS[t.state]}</td>
                  <td className={td}>{formatDateVn(new Date(t.expiresAt.getTime() - 1))}</td>
                  <td className={td}>{t.lastUsedAt ? formatDateTimeVn(t.lastUsedAt) : 'Chưa dùng'}</td>
                  <td className={td}>{t.callsLastDay.toLocaleString('vi-VN')}</td>
                  <td className={td}>
                    {t.state === 'REVOKED' ? null : (
                      <ActionButton
                        action={revokeApiTokenAction}
                        fields={{ tokenId: t.id }}
                        label="Thu hồi"
                        confirm={`Thu hồi mã truy cập của “${t.name}”? Hệ thống đang dùng mã này sẽ bị từ chối ngay.`}
                        className={smallButton}
                      />
                    )}
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
