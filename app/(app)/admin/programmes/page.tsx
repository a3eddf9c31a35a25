import type { Metadata } from 'next';
import Link from 'next/link';
import { listProgrammes } from '@/lib/data/programmes';
import { formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';
import { primaryButton, secondaryButton, td, th } from '@/components/admin/styles';

export const metadata: Metadata = { title: 'Chương trình' };

export default async function ProgrammesPage() {
  const programmes = await loadPage(listProgrammes());
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold sm:text-2xl">Chương trình, kế hoạch ({programmes.length})</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/programmes/import" className={primaryButton}>
            Nhập từ văn bản
          </Link>
          <Link href="/admin/programmes/new" className={secondaryButton}>
            Tạo chương trình
          </Link>
        </div>
      </div>
      {programmes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Chưa có chương trình nào.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={th}>Chương trình</th>
                <th className={th}>Văn bản</th>
                <th className={`${th} text-right`}>Mục</th>
                <th className={`${th} text-right`}>Nhiệm vụ</th>
                <th className={th}>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((p) => (
                <tr key={p.id} className="border-b border-slate-100">
                  <td className={td}>
                    <Link href={`/admin/programmes/${p.id}`} className="font-medium text-blue-700 underline">
                      {p.title}
                    </Link>
                  </td>
                  <td className={td}>
                    {[p.documentNumber, p.issuingBody, p.issuedOn ? `ngày ${formatDateVn(p.issuedOn)}` : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td className={`${td} text-right`}>{p.sections}</td>
                  <td className={`${td} text-right`}>{p.tasks}</td>
                  <td className={td}>{p.status === 'ACTIVE' ? 'Đang thực hiện' : 'Đã lưu trữ'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
