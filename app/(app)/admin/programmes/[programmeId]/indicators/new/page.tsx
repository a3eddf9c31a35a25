import type { Metadata } from 'next';
import Link from 'next/link';
import { IndicatorForm } from '@/components/admin/indicator-form';
import { card } from '@/components/admin/styles';
import { listAssignableUnits } from '@/lib/data/assignments';
import { getProgrammeForEdit } from '@/lib/data/programmes';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Thêm chỉ tiêu' };

export default async function NewIndicatorPage({ params }: { params: Promise<{ programmeId: string }> }) {
  const id = parseId((await params).programmeId);
  const [p, units] = await loadPage(Promise.all([getProgrammeForEdit(id), listAssignableUnits()]));
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        /{' '}
        <Link href={`/admin/programmes/${p.id}`} className="hover:underline">
          {p.title}
        </Link>{' '}
        / Thêm chỉ tiêu
      </nav>
      <header className="space-y-1">
        <h1 className="text-xl font-bold sm:text-2xl">Thêm chỉ tiêu</h1>
        <p className="text-sm text-slate-600">
          Mỗi chỉ tiêu có một nhiệm vụ báo cáo theo kỳ: các đơn vị báo cáo gửi giá trị đạt được kèm tài liệu kiểm chứng;
          chỉ giá trị đã duyệt mới được tính so với mục tiêu.
        </p>
      </header>
      {p.sections.length === 0 ? (
        <p className={card}>
          Chương trình chưa có mục nào.{' '}
          <Link href={`/admin/programmes/${p.id}`} className="text-blue-700 underline">
            Thêm mục
          </Link>{' '}
          trước khi thêm chỉ tiêu.
        </p>
      ) : (
        <section className={card} aria-label="Thông tin chỉ tiêu">
          <IndicatorForm programmeId={p.id} sections={p.sections} units={units} />
        </section>
      )}
    </article>
  );
}
