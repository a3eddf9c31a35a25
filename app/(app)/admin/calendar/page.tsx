import type { Metadata } from 'next';
import { ActionButton } from '@/components/admin/action-button';
import { CalendarDayForm } from '@/components/admin/calendar-forms';
import { card, smallButton, td, th } from '@/components/admin/styles';
import { removeCalendarDayAction } from '@/lib/actions/admin-calendar';
import { listCalendarDays } from '@/lib/data/calendar';
import { formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Lịch ngày làm việc' };

/** The administrator's swaps and bridges of the working-day calendar (decision 015). */
export default async function CalendarPage() {
  const days = await loadPage(listCalendarDays());
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Lịch ngày làm việc</h1>
      <p className="text-sm text-slate-700">
        Thứ Bảy, Chủ nhật và các ngày lễ (Tết Dương lịch, Giao thừa và mùng 1 Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9,
        cùng ngày nghỉ bù khi lễ trùng ngày nghỉ hằng tuần) được tính sẵn. Nhập ở đây các ngày điều chỉnh được công bố
        hằng năm: các ngày nghỉ Tết còn lại, ngày nghỉ hoán đổi và ngày làm bù. Hạn tính theo ngày làm việc, “Sắp đến
        hạn” và nhắc hạn dùng lịch này.
      </p>
      <div className={card}>
        <CalendarDayForm />
      </div>
      {days.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Chưa có ngày điều chỉnh nào.
        </p>
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                Ngày
              </th>
              <th scope="col" className={th}>
                Điều chỉnh
              </th>
              <th scope="col" className={th}>
                Căn cứ, ghi chú
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date} className="border-t border-slate-100">
                <td className={td}>{formatDateVn(d.date)}</td>
                <td className={td}>{d.working ? 'Ngày làm việc' : 'Ngày nghỉ'}</td>
                <td className={td}>{d.note}</td>
                <td className={td}>
                  <ActionButton
                    action={removeCalendarDayAction}
                    fields={{ date: formatDateVn(d.date) }}
                    label="Xóa"
                    confirm={`Xóa ngày ${formatDateVn(d.date)} khỏi lịch?`}
                    className={smallButton}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
