'use server';

import { revalidatePath } from 'next/cache';
import { formFields, type ActionState } from '../action-state';
import { resendFailedEmail } from '../data/email-outbox';
import { id } from '../validation/fields';
import { z } from 'zod';
import { refusal } from './refusal';

const ResendInput = z.object({ emailId: id('Thư') });

/** "Gửi lại" on /admin/email (decision 023): a failed e-mail back to the queue. */
export async function resendEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ResendInput.safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  try {
    await resendFailedEmail(parsed.data.emailId);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/email');
  return { ok: true, message: 'Đã đưa thư vào hàng đợi gửi lại.', fields: {} };
}
