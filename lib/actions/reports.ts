'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { reviewReport, saveReport } from '../data/reports';
import { ReportInput, ReviewInput } from '../validation/report';
import { handleForm } from './refusal';

export async function saveReportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ReportInput, async (input, fields) => {
    // Refused or not, the page is read again (a stale copy shows what changed).
    const result = await saveReport(input).finally(() => revalidatePath(`/assignments/${input.assignmentId}`));
    revalidatePath('/');
    return {
      ok: true,
      message:
        input.intent === 'submit' ? 'Đã gửi báo cáo. Lãnh đạo phụ trách sẽ xem xét và phản hồi.' : 'Đã lưu nháp.',
      fields: { ...fields, version: String(result.version) },
      result,
    };
  });
}

export async function reviewReportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ReviewInput, async (input) => {
    await reviewReport(input).finally(() => revalidatePath(`/reports/${input.reportId}`));
    revalidatePath('/');
    revalidatePath('/reviews');
    return {
      ok: true,
      message: input.decision === 'approve' ? 'Đã duyệt báo cáo.' : 'Đã trả lại báo cáo kèm lý do.',
      fields: {},
    };
  });
}
