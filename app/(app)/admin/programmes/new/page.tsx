import type { Metadata } from 'next';
import Link from 'next/link';
import { ProgrammeForm } from '@/components/admin/programme-form';
import { card } from '@/components/admin/styles';
import { listAssignableUnits } from '@/lib/data/assignments';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Tạo chương trình' };

export default async function NewProgrammePage() {
  // Authorizes the page (the form's action checks again); the city's leadership usually issues.
  const units = await loadPage(listAssignableUnits());
  const issuer = units.find((u) => u.kind === 'LEADERSHIP')?.name ?? '';
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        / Tạo mới
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Tạo chương trình</h1>
      <p className="text-sm text-slate-600">
        Nhập thông tin văn bản chỉ đạo, rồi thêm mục và nhiệm vụ. Có văn bản sẵn?{' '}
        <Link href="/admin/programmes/import" className="text-blue-700 underline">
          Nhập từ văn bản
        </Link>{' '}
        nhanh hơn.
      </p>
      <div className={card}>
        <ProgrammeForm defaultIssuingBody={issuer} />
      </div>
    </section>
  );
}
