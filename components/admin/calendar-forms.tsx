'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { addCalendarDayAction } from '@/lib/actions/admin-calendar';
import { primaryButton } from './styles';

/** One official swap or bridge: the date, day off or working day, and the document it comes from. */
export function CalendarDayForm() {
  const [state, action, pending] = useActionState(addCalendarDayAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (n: string, fallback = '') => state.fields?.[n] ?? fallback;
  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="calendar-date" label="Ngày" hint="dd/mm/yyyy" errors={errors.date}>
          {(aria) => (
            <input {...aria} name="date" inputMode="numeric" defaultValue={value('date')} className={inputClass} />
          )}
        </Field>
        <Field id="calendar-working" label="Điều chỉnh" errors={errors.working}>
          {(aria) => (
            <select
              {...aria}
              key={value('working', 'off')}
              name="working"
              defaultValue={value('working', 'off')}
              className={inputClass}
            >
              <option value="off">Ngày nghỉ (nghỉ Tết, nghỉ bù, hoán đổi)</option>
              <option value="working">Ngày làm việc (làm bù vào Thứ Bảy, Chủ nhật)</option>
            </select>
          )}
        </Field>
        <Field id="calendar-note" label="Căn cứ, ghi chú" errors={errors.note}>
          {(aria) => (
            <input
              {...aria}
              name="note"
              maxLength={300}
              defaultValue={value('note')}
              placeholder="Ví dụ: Nghỉ Tết Nguyên đán theo Thông báo số …"
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : 'Thêm vào lịch'}
      </button>
    </form>
  );
}
