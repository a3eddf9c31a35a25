import type { Metadata } from 'next';
import Link from 'next/link';
import { primaryButton, secondaryButton, td, th } from '@/components/admin/styles';
import { listUnits } from '@/lib/data/units';
import { UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Đơn vị' };

export default async function UnitsPage() {
  const units = await loadPage(listUnits());
  const active = units.filter((u) => u.active);
  const former = units.filter((u) => !u.active);
  const table = (rows: typeof units) => (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={th}>Đơn vị</th>
            <th className={th}>Mã</th>
            <th className={th}>Loại</th>
            <th className={th}>Hiệu lực</th>
            <th className={`${th} text-right`}>Người dùng</th>
            <th className={`${th} text-right`}>Nhiệm vụ chưa xong</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} className="border-b border-slate-100">
              <td className={td}>
                <Link href={`/admin/units/${u.id}`} className="text-blue-700 underline">
                  {u.name}
                </Link>
                {u.isStandingOffice ? (
                  <span className="ml-1 text-xs text-slate-500">(cơ quan thường trực CCHC)</span>
                ) : null}
              </td>
              <td className={td}>{u.code}</td>
              <td className={td}>{UNIT_KIND_LABELS[u.kind]}</td>
              <td className={td}>
                từ {formatDateVn(u.validFrom)}
                {u.validTo ? ` đến trước ${formatDateVn(u.validTo)}` : ''}
              </td>
              <td className={`${td} text-right`}>{u.activeUsers}</td>
              <td className={`${td} text-right`}>{u.openAssignments}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold sm:text-2xl">Đơn vị ({active.length} đang hoạt động)</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/units/new" className={primaryButton}>
            Thêm đơn vị
          </Link>
          <Link href="/admin/units/merge" className={secondaryButton}>
            Sáp nhập
          </Link>
          <Link href="/admin/units/split" className={secondaryButton}>
            Chia tách
          </Link>
        </div>
      </div>
      {table(active)}
      {former.length > 0 ? (
        <section aria-labelledby="former-heading" className="space-y-2">
          <h2 id="former-heading" className="font-semibold">
            Đơn vị đã thôi hoạt động ({former.length})
          </h2>
          {table(former)}
        </section>
      ) : null}
    </section>
  );
}
