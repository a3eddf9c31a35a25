'use server';

import { revalidatePath } from 'next/cache';
import { formFields, type ActionState } from '../action-state';
import { decideExtension, requestExtension } from '../data/extensions';
import { invalid, refusal } from './refusal';
import { ExtensionDecisionInput, ExtensionRequestInput } from '../validation/extension';

export async function requestExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ExtensionRequestInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await requestExtension(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath(`/assignments/${parsed.data.assignmentId}`);
  return { ok: true, message: 'Đã gửi đề nghị gia hạn. Bạn sẽ nhận thông báo khi có quyết định.', fields: {} };
}

export async function decideExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ExtensionDecisionInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await decideExtension(parsed.data);
  } catch (error) {
    revalidatePath('/extensions');
    return refusal(error, fields);
  }
  revalidatePath('/extensions');
  revalidatePath('/');
  return {
    ok: true,
    message: parsed.data.decision === 'approve' ? 'Đã đồng ý gia hạn.' : 'Đã từ chối đề nghị gia hạn.',
    fields: {},
  };
}
