import type { Metadata } from 'next';
import Link from 'next/link';
import { card } from '@/components/admin/styles';
import { MergeForm } from '@/components/admin/unit-forms';
import { listUnits } from '@/lib/data/units';
import { vnDateOf } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Sáp nhập đơn vị' };

export default async function MergePage() {
  const units = (await loadPage(listUnits())).filter((u) => u.active);
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/units" className="hover:underline">
          Đơn vị
        </Link>{' '}
        / Sáp nhập
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Ghi nhận sáp nhập đơn vị</h1>
      <div className={card}>
        <MergeForm units={units} today={vnDateOf(new Date())} />
      </div>
    </section>
  );
}
