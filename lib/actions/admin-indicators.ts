'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '../action-state';
import * as indicators from '../data/indicators';
import { IndicatorCreateInput, IndicatorStatusInput, IndicatorUpdateInput } from '../validation/indicator';
import { handleForm } from './refusal';

/** Indicators (chỉ tiêu) on the programme's administration pages, decision 023. */

function touched(programmeId: number, indicatorId?: number) {
  revalidatePath(`/admin/programmes/${programmeId}`);
  if (indicatorId) revalidatePath(`/admin/programmes/${programmeId}/indicators/${indicatorId}`);
  revalidatePath('/dashboard');
  revalidatePath('/');
}

export async function createIndicatorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, IndicatorCreateInput, async (input) => {
    const { indicatorId } = await indicators.createIndicator(input);
    touched(input.programmeId);
    return { redirectTo: `/admin/programmes/${input.programmeId}/indicators/${indicatorId}?notice=indicator-created` };
  });
}

export async function updateIndicatorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, IndicatorUpdateInput, async (input, fields) => {
    const { changed, programmeId } = await indicators.updateIndicator(input);
    touched(programmeId, input.indicatorId);
    return {
      ok: true,
      message:
        changed.length === 0
          ? 'Không có thay đổi nào.'
          : 'Đã lưu chỉ tiêu. Các giá trị đã báo cáo được giữ nguyên; thay đổi được ghi vào lịch sử.',
      fields,
    };
  });
}

/** Deactivate or reactivate, chosen by the button pressed (`intent`). */
export async function indicatorStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    IndicatorStatusInput,
    async ({ indicatorId, intent }) => {
      const { programmeId } = await indicators.setIndicatorActive(indicatorId, intent === 'reactivate');
      touched(programmeId, indicatorId);
      return {
        ok: true,
        message:
          intent === 'deactivate'
            ? 'Đã ngừng theo dõi chỉ tiêu: các đơn vị không còn phải báo cáo; các giá trị đã báo cáo được giữ.'
            : 'Đã theo dõi lại chỉ tiêu.',
        fields: {},
      };
    },
    { invalid: 'operation' },
  );
}
