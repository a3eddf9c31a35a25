'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '../action-state';
import { analyzeDirective, FieldErrors, importProgramme, type UploadedFile } from '../data/admin-import';
import { AnalyzeInput, ImportInput, issuesByPath } from '../validation/programme';
import { PROGRAMME_LIMITS } from '../validation/programme-limits';
import { refusal } from './refusal';

/**
 * Step 1: the pasted text or uploaded file → the parser's proposal, returned as JSON in
 * `result.proposal` for the review grid (a client component that holds it in state). Nothing is
 * saved. The text is echoed back only when it is refused, so the textarea keeps it.
 */
export async function analyzeDirectiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const rawText = formData.get('text');
  const text = typeof rawText === 'string' ? rawText : '';
  const fields = { text };
  const parsed = AnalyzeInput.safeParse({ text });
  if (!parsed.success)
    return {
      ok: false,
      message: 'Vui lòng kiểm tra văn bản.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      fields,
    };
  const upload = formData.get('file');
  let file: UploadedFile | null = null;
  if (upload instanceof File && upload.size > 0) {
    if (upload.size > PROGRAMME_LIMITS.fileBytes) {
      return {
        ok: false,
        message: 'Vui lòng kiểm tra tệp.',
        fieldErrors: { file: ['Tệp quá lớn: tối đa 8 MB.'] },
        fields,
      };
    }
    file = { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
  }
  try {
    const proposal = await analyzeDirective({ text: parsed.data.text, file });
    return { ok: true, result: { proposal: JSON.stringify(proposal) } };
  } catch (error) {
    return refusal(error, fields);
  }
}

/** A reviewed proposal, as the grid posts it (JSON, at most this many characters). */
const MAX_JSON = 8 * 1024 * 1024;

/**
 * Step 2: the reviewed proposal → one programme, all or nothing. Errors come back keyed by their
 * place in the grid ("sections.0.tasks.3.dueDate").
 */
export async function importProgrammeAction(json: string): Promise<ActionState> {
  if (typeof json !== 'string' || json.length > MAX_JSON)
    return { ok: false, message: 'Dữ liệu gửi lên quá lớn hoặc không hợp lệ.' };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: 'Dữ liệu gửi lên không hợp lệ. Tải lại trang và thử lại.' };
  }
  const parsed = ImportInput.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      message: 'Vui lòng kiểm tra các ô được đánh dấu trong bảng rà soát.',
      fieldErrors: issuesByPath(parsed.error),
    };
  let programmeId: number;
  try {
    programmeId = (await importProgramme(parsed.data)).programmeId;
  } catch (error) {
    if (error instanceof FieldErrors) return { ok: false, message: error.message, fieldErrors: error.fields };
    return refusal(error, {});
  }
  revalidatePath('/admin/programmes');
  revalidatePath('/');
  redirect(`/admin/programmes/${programmeId}?imported=1`);
}
