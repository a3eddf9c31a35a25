import type { Metadata } from 'next';
import Link from 'next/link';
import { card } from '@/components/admin/styles';
import { SplitForm } from '@/components/admin/unit-forms';
import { listUnits } from '@/lib/data/units';
import { vnDateOf } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Chia tách đơn vị' };

export default async function SplitPage() {
  const units = (await loadPage(listUnits())).filter((u) => u.active);
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/units" className="hover:underline">
          Đơn vị
        </Link>{' '}
        / Chia tách
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Ghi nhận chia tách đơn vị</h1>
      <div className={card}>
        <SplitForm units={units} today={vnDateOf(new Date())} />
      </div>
    </section>
  );
}
