import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportWizard } from '@/components/admin/import-wizard';
import { listAssignableUnits } from '@/lib/data/assignments';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Nhập chương trình từ văn bản' };

export default async function ImportPage() {
  // Authorizes the page; the analysis and the save check again.
  await loadPage(listAssignableUnits());
  return (
    <section className="space-y-4">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/programmes" className="hover:underline">
          Chương trình
        </Link>{' '}
        / Nhập từ văn bản
      </nav>
      <h1 className="text-xl font-bold sm:text-2xl">Nhập chương trình từ văn bản chỉ đạo</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Dán văn bản hoặc tải tệp lên: hệ thống đọc các mục (I., II., …), nhiệm vụ đánh số, đơn vị chủ trì, phối hợp,
        thời hạn và tính chất định kỳ, rồi đưa ra bảng để rà soát. Chỉ khi bấm «Lưu chương trình» mới ghi vào hệ thống,
        và ghi trọn vẹn một lần.
      </p>
      <ImportWizard />
    </section>
  );
}
