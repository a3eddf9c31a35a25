'use server';

import { revalidatePath } from 'next/cache';
import { formFields, type ActionState } from '../action-state';
import { issueApiToken, revokeApiToken } from '../data/api-tokens';
import { ApiTokenInput, ApiTokenRevocation } from '../validation/api-token';
import { invalid, refusal } from './refusal';

/**
 * Issues an API token (decision 020). The secret goes back to this one answer, for the
 * administrator to copy; it is never stored nor shown again.
 */
export async function issueApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ApiTokenInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let issued: { tokenId: number; secret: string };
  try {
    issued = await issueApiToken(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/api');
  return {
    ok: true,
    message: `Đã cấp mã truy cập cho “${parsed.data.name}”. Sao chép mã ngay: mã chỉ hiển thị một lần này.`,
    fields: {},
    result: { tokenId: issued.tokenId, secret: issued.secret },
  };
}

/** Revokes a token: its next call is refused. */
export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ApiTokenRevocation.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await revokeApiToken(parsed.data.tokenId);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/api');
  return { ok: true, message: 'Đã thu hồi mã truy cập.', fields: {} };
}
