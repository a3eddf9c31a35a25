'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { issueApiToken, revokeApiToken } from '../data/api-tokens';
import { ApiTokenInput, ApiTokenRevocation } from '../validation/api-token';
import { handleForm } from './refusal';

/**
 * Issues an API token (decision 020). The secret goes back to this one answer, for the
 * administrator to copy; it is never stored nor shown again.
 */
export async function issueApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ApiTokenInput, async (input) => {
    const issued = await issueApiToken(input);
    revalidatePath('/admin/api');
    return {
      ok: true,
      message: `Đã cấp mã truy cập cho “${input.name}”. Sao chép mã ngay: mã chỉ hiển thị một lần này.`,
      fields: {},
      result: { tokenId: issued.tokenId, secret: issued.secret },
    };
  });
}

/** Revokes a token: its next call is refused. */
export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ApiTokenRevocation, async ({ tokenId }) => {
    await revokeApiToken(tokenId);
    revalidatePath('/admin/api');
    return { ok: true, message: 'Đã thu hồi mã truy cập.', fields: {} };
  });
}
