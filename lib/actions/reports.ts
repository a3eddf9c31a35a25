'use server';

import { revalidatePath } from 'next/cache';
import { formFields, type ActionState } from '../action-state';
import { reviewReport, saveReport } from '../data/reports';
import { invalid, refusal } from './refusal';
import { ReportInput, ReviewInput } from '../validation/report';

export async function saveReportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ReportInput.safeParse(fields);
  if (!parsed.success) {
    return invalid(parsed.error, fields);
  }
  let result;
  try {
    result = await saveReport(parsed.data);
  } catch (error) {
    revalidatePath(`/assignments/${parsed.data.assignmentId}`);
    return refusal(error, fields);
  }
  revalidatePath(`/assignments/${parsed.data.assignmentId}`);
  revalidatePath('/');
  return {
    ok: true,
    message:
      parsed.data.intent === 'submit' ? 'Đã gửi báo cáo. Lãnh đạo phụ trách sẽ xem xét và phản hồi.' : 'Đã lưu nháp.',
    fields: { ...fields, version: String(result.version) },
    result,
  };
}

export async function reviewReportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ReviewInput.safeParse(fields);
  if (!parsed.success) {
    return invalid(parsed.error, fields);
  }
  try {
    await reviewReport(parsed.data);
  } catch (error) {
    revalidatePath(`/reports/${parsed.data.reportId}`);
    return refusal(error, fields);
  }
  revalidatePath(`/reports/${parsed.data.reportId}`);
  revalidatePath('/');
  revalidatePath('/reviews');
  return {
    ok: true,
    message: parsed.data.decision === 'approve' ? 'Đã duyệt báo cáo.' : 'Đã trả lại báo cáo kèm lý do.',
    fields: {},
  };
}
