import type { Metadata } from 'next';
import Link from 'next/link';
import { inputClass } from '@/components/forms/field';
import { primaryButton, secondaryButton, td, th } from '@/components/admin/styles';
import { listUsers } from '@/lib/data/admin-users';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';
import { ROLE_LABELS } from '@/lib/permissions';
import { searchTerm } from '@/lib/validation/fields';

export const metadata: Metadata = { title: 'Người dùng' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const q = searchTerm((await searchParams).q);
  const users = await loadPage(listUsers({ q }));
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold sm:text-2xl">Người dùng ({users.length})</h1>
        <Link href="/admin/users/new" className={primaryButton}>
          Thêm người dùng
        </Link>
      </div>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="user-search" className="block text-sm font-medium">
            Tìm theo tên, tên đăng nhập, đơn vị
          </label>
          <input id="user-search" name="q" defaultValue={q} className={`${inputClass} mt-1 sm:w-80`} />
        </div>
        <button type="submit" className={secondaryButton}>
          Tìm
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={th}>Họ và tên</th>
              <th className={th}>Tên đăng nhập</th>
              <th className={th}>Vai trò</th>
              <th className={th}>Đơn vị</th>
              <th className={th}>Đăng nhập gần nhất</th>
              <th className={th}>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={`border-b border-slate-100 ${u.active ? '' : 'text-slate-500'}`}>
                <td className={td}>
                  <Link href={`/admin/users/${u.id}`} className="text-blue-700 underline">
                    {u.displayName}
                  </Link>
                  {u.jobTitle ? <span className="block text-xs text-slate-500">{u.jobTitle}</span> : null}
                </td>
                <td className={td}>{u.username}</td>
                <td className={td}>{ROLE_LABELS[u.role]}</td>
                <td className={td}>{u.unit.name}</td>
                <td className={td}>{u.lastLoginAt ? formatDateTimeVn(u.lastLoginAt) : '—'}</td>
                <td className={td}>{u.active ? 'Đang hoạt động' : 'Đã khóa'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
