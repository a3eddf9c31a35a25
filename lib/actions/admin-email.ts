'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState } from '../action-state';
import { resendFailedEmail } from '../data/email-outbox';
import { id } from '../validation/fields';
import { handleForm } from './refusal';

const ResendInput = z.object({ emailId: id('Thư') });

/** "Gửi lại" on /admin/email (decision 023): a failed e-mail back to the queue. */
export async function resendEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    ResendInput,
    async ({ emailId }) => {
      await resendFailedEmail(emailId);
      revalidatePath('/admin/email');
      return { ok: true, message: 'Đã đưa thư vào hàng đợi gửi lại.', fields: {} };
    },
    { invalid: 'operation' },
  );
}
