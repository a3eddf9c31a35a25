import type { Metadata } from 'next';
import Link from 'next/link';
import { card } from '@/components/admin/styles';
import { UserForm } from '@/components/admin/user-forms';
import { listUnitOptions } from '@/lib/data/admin-users';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thêm người dùng' };

export default async function NewUserPage() {
  const units = await loadPage(listUnitOptions());
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/users" className="hover:underline">
          Người dùng
        </Link>{' '}
        / Thêm mới
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Thêm người dùng</h1>
      <div className={card}>
        <UserForm units={units} />
      </div>
    </section>
  );
}
