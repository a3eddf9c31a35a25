'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import * as indicators from '../data/indicators';
import { IndicatorCreateInput, IndicatorStatusInput, IndicatorUpdateInput } from '../validation/indicator';
import { invalid, refusal } from './refusal';

/** Indicators (chỉ tiêu) on the programme's administration pages, decision 023. */

function touched(programmeId: number, indicatorId?: number) {
  revalidatePath(`/admin/programmes/${programmeId}`);
  if (indicatorId) revalidatePath(`/admin/programmes/${programmeId}/indicators/${indicatorId}`);
  revalidatePath('/dashboard');
  revalidatePath('/');
}

export async function createIndicatorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IndicatorCreateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let indicatorId: number;
  try {
    indicatorId = (await indicators.createIndicator(parsed.data)).indicatorId;
  } catch (error) {
    return refusal(error, fields);
  }
  touched(parsed.data.programmeId);
  redirect(`/admin/programmes/${parsed.data.programmeId}/indicators/${indicatorId}?notice=indicator-created`);
}

export async function updateIndicatorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IndicatorUpdateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let changed: string[];
  try {
    const result = await indicators.updateIndicator(parsed.data);
    changed = result.changed;
    touched(result.programmeId, parsed.data.indicatorId);
  } catch (error) {
    return refusal(error, fields);
  }
  return {
    ok: true,
    message:
      changed.length === 0
        ? 'Không có thay đổi nào.'
        : 'Đã lưu chỉ tiêu. Các giá trị đã báo cáo được giữ nguyên; thay đổi được ghi vào lịch sử.',
    fields,
  };
}

/** Deactivate or reactivate, chosen by the button pressed (`intent`). */
export async function indicatorStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IndicatorStatusInput.safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  const { indicatorId, intent } = parsed.data;
  try {
    const { programmeId } = await indicators.setIndicatorActive(indicatorId, intent === 'reactivate');
    touched(programmeId, indicatorId);
  } catch (error) {
    return refusal(error, fields);
  }
  return {
    ok: true,
    message:
      intent === 'deactivate'
        ? 'Đã ngừng theo dõi chỉ tiêu: các đơn vị không còn phải báo cáo; các giá trị đã báo cáo được giữ.'
        : 'Đã theo dõi lại chỉ tiêu.',
    fields: {},
  };
}
