'use client';

import { useActionState } from 'react';
import { ErrorList, FormMessage, inputClass } from '@/components/forms/field';
import { primaryButton } from '@/components/admin/styles';
import { INITIAL_STATE } from '@/lib/action-state';
import { saveUrgingLadderAction } from '@/lib/actions/urging';
import { MAX_STEPS, URGING_AUDIENCE_LABELS, URGING_AUDIENCES, type UrgingStep } from '@/lib/domain/urging';
import { stepFieldNames } from '@/lib/validation/urging-fields';

/** The row's initial values from a saved step (or an empty row). */
function initialOf(step: UrgingStep | undefined, i: number): Record<string, string> {
  const names = stepFieldNames(i);
  if (!step) return { [names.when]: '', [names.days]: '' };
  const out: Record<string, string> = {
    [names.when]: step.offsetDays < 0 ? 'before' : step.offsetDays === 0 ? 'on' : 'after',
    [names.days]: step.offsetDays === 0 ? '' : String(Math.abs(step.offsetDays)),
  };
  for (const a of step.audiences) out[names.audiences[a]] = 'on';
  return out;
}

/**
 * The programme's urging ladder (decision 018): one row per step — before the deadline, on the
 * day, or after it, by a number of working days — and who it reaches. An empty "Thời điểm" removes
 * the row's step.
 */
export function UrgingLadderForm({ programmeId, steps }: { programmeId: number; steps: UrgingStep[] }) {
  const [state, action, pending] = useActionState(saveUrgingLadderAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const initial = Object.assign({}, ...Array.from({ length: MAX_STEPS }, (_, i) => initialOf(steps[i], i)));
  const value = (n: string) => (state.fields ? (state.fields[n] ?? '') : (initial[n] ?? ''));
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="programmeId" value={programmeId} />
      <div className="overflow-x-auto" role="region" aria-label="Các bước đôn đốc" tabIndex={0}>
        <table className="min-w-full text-sm">
          <thead className="border-b border-slate-200">
            <tr>
              <th scope="col" className="px-2 py-2 text-left font-semibold">
                Bước
              </th>
              <th scope="col" className="px-2 py-2 text-left font-semibold">
                Thời điểm
              </th>
              <th scope="col" className="px-2 py-2 text-left font-semibold">
                Số ngày làm việc
              </th>
              {URGING_AUDIENCES.map((a) => (
                <th key={a} scope="col" className="px-2 py-2 text-left font-semibold">
                  {URGING_AUDIENCE_LABELS[a]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: MAX_STEPS }, (_, i) => {
              const names = stepFieldNames(i);
              const rowErrors = [...(errors[names.when] ?? []), ...(errors[names.days] ?? [])];
              // Remount the row on each answer so that the values shown are the ones echoed back.
              const key = `${i}:${JSON.stringify(state.fields ?? null)}`;
              return (
                <tr key={key} className="border-b border-slate-100 align-top">
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    {i + 1}
                  </th>
                  <td className="px-2 py-2">
                    <select
                      name={names.when}
                      defaultValue={value(names.when)}
                      aria-label={`Bước ${i + 1}: thời điểm`}
                      aria-invalid={errors[names.when]?.length ? true : undefined}
                      aria-describedby={`ladder-${i}-error`}
                      className={inputClass}
                    >
                      <option value="">— Không dùng —</option>
                      <option value="before">Trước hạn</option>
                      <option value="on">Đúng ngày đến hạn</option>
                      <option value="after">Sau hạn</option>
                    </select>
                    <ErrorList id={`ladder-${i}-error`} errors={rowErrors.length ? rowErrors : undefined} />
                  </td>
                  <td className="px-2 py-2">
                    <input
                      name={names.days}
                      inputMode="numeric"
                      defaultValue={value(names.days)}
                      aria-label={`Bước ${i + 1}: số ngày làm việc`}
                      aria-invalid={errors[names.days]?.length ? true : undefined}
                      aria-describedby={`ladder-${i}-error`}
                      className={`${inputClass} w-24`}
                    />
                  </td>
                  {URGING_AUDIENCES.map((a) => (
                    <td key={a} className="px-2 py-2">
                      <input
                        type="checkbox"
                        name={names.audiences[a]}
                        defaultChecked={value(names.audiences[a]) === 'on'}
                        aria-label={`Bước ${i + 1}: ${URGING_AUDIENCE_LABELS[a]}`}
                        className="h-5 w-5"
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : 'Lưu các bước đôn đốc'}
      </button>
    </form>
  );
}
