'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { primaryButton } from '@/components/admin/styles';
import { INITIAL_STATE } from '@/lib/action-state';
import { createUrgingLetterAction } from '@/lib/actions/urging';

/** The one step: make the Công văn đôn đốc for the overdue units shown, send it and record it. */
export function UrgingLetterForm({
  programmeId,
  sectionId,
  unitKind,
  signers,
  units,
  tasks,
}: {
  programmeId: number;
  sectionId: number | null;
  unitKind: string;
  /** The chairman first, then the vice-chairmen (lib/data/signers.ts). */
  signers: { id: number; name: string; title: string }[];
  units: number;
  tasks: number;
}) {
  const [state, action, pending] = useActionState(createUrgingLetterAction, INITIAL_STATE);
  const chosen = state.fields?.signerId ?? String(signers[0]?.id ?? '');
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="programmeId" value={programmeId} />
      <input type="hidden" name="sectionId" value={sectionId ?? ''} />
      <input type="hidden" name="unitKind" value={unitKind} />
      <p className="text-sm text-slate-700">
        Công văn (mẫu Nghị định 30/2020/NĐ-CP, trình lãnh đạo ký) liệt kê {tasks} nhiệm vụ quá hạn của {units} đơn vị
        như bảng trên, tính đến thời điểm tạo; mỗi đơn vị nhận thông báo kèm công văn và lịch sử từng nhiệm vụ ghi lại.
      </p>
      {signers.length > 0 ? (
        <Field
          id="urging-signer"
          label="Người ký"
          hint="Chủ tịch ký thay mặt Ủy ban (TM.); Phó Chủ tịch ký thay Chủ tịch (KT.)."
          errors={state.fieldErrors?.signerId}
        >
          {(aria) => (
            <select
              key={chosen}
              name="signerId"
              defaultValue={chosen}
              {...aria}
              className={`${inputClass} sm:max-w-md`}
            >
              {signers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title === 'CHỦ TỊCH'
                    ? `Chủ tịch ${s.name} (TM. Ủy ban nhân dân)`
                    : `Phó Chủ tịch ${s.name} (KT. Chủ tịch)`}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang tạo công văn…' : 'Tạo và gửi công văn đôn đốc'}
      </button>
    </form>
  );
}
