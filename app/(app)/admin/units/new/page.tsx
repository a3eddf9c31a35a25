import type { Metadata } from 'next';
import Link from 'next/link';
import { card } from '@/components/admin/styles';
import { UnitForm } from '@/components/admin/unit-forms';
import { listUnits } from '@/lib/data/units';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thêm đơn vị' };

export default async function NewUnitPage() {
  await loadPage(listUnits()); // authorizes the page; the action checks again
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/units" className="hover:underline">
          Đơn vị
        </Link>{' '}
        / Thêm mới
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Thêm đơn vị</h1>
      <div className={card}>
        <UnitForm />
      </div>
    </section>
  );
}
