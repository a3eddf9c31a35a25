import { addEvidence } from '@/lib/data/evidence';
import { EVIDENCE_LIMITS, EVIDENCE_MESSAGES } from '@/lib/validation/evidence';
import { EvidenceUploadInput } from '@/lib/validation/evidence-input';
import { errorResponse, GENERIC_ERROR, jsonError, refuseCrossSite } from './http';
import { log } from '@/lib/log';

/** A 20 MB file plus the form's boundaries and text fields. */
const MAX_BODY_BYTES = EVIDENCE_LIMITS.maxBytes + 1024 * 1024;
const INVALID_FORM = 'Dữ liệu gửi lên không hợp lệ. Vui lòng chọn lại tệp.';

/**
 * The request body, refused as soon as it is known to be too large: from Content-Length before
 * reading anything, or while reading when the length was not declared. Route handlers have no
 * body limit of their own (serverActions.bodySizeLimit applies to server actions only).
 */
async function readForm(request: Request): Promise<FormData | Response> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return jsonError(INVALID_FORM, 400);
  const declared = Number(request.headers.get('content-length') ?? '');
  if (declared > MAX_BODY_BYTES) return jsonError(EVIDENCE_MESSAGES.tooLarge, 413);
  if (!request.body) return jsonError(EVIDENCE_MESSAGES.noFile, 400);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      return jsonError(EVIDENCE_MESSAGES.tooLarge, 413);
    }
    chunks.push(value);
  }
  if (declared > 0 && total < declared) {
    // Not the user's fault: something between the client and us kept only part of the body —
    // typically the proxy's body clone limit (experimental.proxyClientMaxBodySize, 10 MB by default).
    log().error({ received: total, declared }, 'evidence upload cut short; check experimental.proxyClientMaxBodySize');
    return jsonError(GENERIC_ERROR, 500);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return jsonError(INVALID_FORM, 400);
  }
}

/**
 * POST /api/evidence — multipart form: assignmentId, periodKey, file. Answers 201 with
 * `{ evidence: { id, fileName, sizeBytes, mimeType }, reportId, version }`, or `{ error }`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const form = await readForm(request);
    if (form instanceof Response) return form;

    const fields = EvidenceUploadInput.safeParse({
      assignmentId: form.get('assignmentId'),
      periodKey: form.get('periodKey'),
    });
    if (!fields.success) return jsonError(fields.error.issues[0]?.message ?? INVALID_FORM, 400);
    const file = form.get('file');
    if (!(file instanceof File)) return jsonError(EVIDENCE_MESSAGES.noFile, 400);
    if (file.size > EVIDENCE_LIMITS.maxBytes) return jsonError(EVIDENCE_MESSAGES.tooLarge, 413);

    const result = await addEvidence({
      ...fields.data,
      fileName: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
    });
    return Response.json(result, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
