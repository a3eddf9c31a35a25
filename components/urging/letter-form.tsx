'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { primaryButton } from '@/components/admin/styles';
import { INITIAL_STATE } from '@/lib/action-state';
import { createUrgingLetterAction } from '@/lib/actions/urging';

/** The one step: make the Công văn đôn đốc for the overdue units shown, send it and record it. */
export function UrgingLetterForm({
  programmeId,
  sectionId,
  unitKind,
  units,
  tasks,
}: {
  programmeId: number;
  sectionId: number | null;
  unitKind: string;
  units: number;
  tasks: number;
}) {
  const [state, action, pending] = useActionState(createUrgingLetterAction, INITIAL_STATE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="programmeId" value={programmeId} />
      <input type="hidden" name="sectionId" value={sectionId ?? ''} />
      <input type="hidden" name="unitKind" value={unitKind} />
      <p className="text-sm text-slate-700">
        Công văn (mẫu Nghị định 30/2020/NĐ-CP, trình Chủ tịch ký) liệt kê {tasks} nhiệm vụ quá hạn của {units} đơn vị
        như bảng trên, tính đến thời điểm tạo; mỗi đơn vị nhận thông báo kèm công văn và lịch sử từng nhiệm vụ ghi lại.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang tạo công văn…' : 'Tạo và gửi công văn đôn đốc'}
      </button>
    </form>
  );
}
