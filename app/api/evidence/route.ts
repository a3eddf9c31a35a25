import { Readable } from 'node:stream';
import busboy from 'busboy';
import { addEvidence } from '@/lib/data/evidence';
import { log } from '@/lib/log';
import { EVIDENCE_LIMITS, EVIDENCE_MESSAGES } from '@/lib/validation/evidence';
import { EvidenceUploadInput } from '@/lib/validation/evidence-input';
import { FieldError } from '@/lib/errors';
import { errorResponse, jsonError, refuseCrossSite } from './http';

/** A 20 MB file plus the form's boundaries and text fields. */
const MAX_BODY_BYTES = EVIDENCE_LIMITS.maxBytes + 1024 * 1024;
const INVALID_FORM = 'Dữ liệu gửi lên không hợp lệ. Vui lòng chọn lại tệp.';

type Upload = { fields: Record<string, string>; fileName: string; file: Readable };

/**
 * The multipart body, parsed as it arrives (busboy): the text fields first (the upload form sends
 * them before the file), then the file as a stream handed on to the data layer, which streams it
 * to the store — the file is never held whole in memory. Refused at once when Content-Length says
 * it is too large; the file part is cut at 20 MB + 1 byte (and refused as too large downstream).
 * Route handlers have no body limit of their own (serverActions.bodySizeLimit applies to server
 * actions only).
 */
function readUpload(request: Request): Promise<Upload | Response> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    return Promise.resolve(jsonError(INVALID_FORM, 400));
  const declared = Number(request.headers.get('content-length') ?? '');
  if (declared > MAX_BODY_BYTES) return Promise.resolve(jsonError(EVIDENCE_MESSAGES.tooLarge, 413));
  if (!request.body) return Promise.resolve(jsonError(EVIDENCE_MESSAGES.noFile, 400));

  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, fieldSize: 1024, fileSize: EVIDENCE_LIMITS.maxBytes + 1 },
      });
    } catch {
      return resolve(jsonError(INVALID_FORM, 400));
    }
    const fields: Record<string, string> = {};
    let settled = false;
    const settle = (value: Upload | Response) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      settle({ fields, fileName: info.filename ?? '', file: stream });
    });
    parser.on('error', () => settle(jsonError(INVALID_FORM, 400)));
    parser.on('close', () => settle(jsonError(EVIDENCE_MESSAGES.noFile, 400)));
    const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
    let received = 0;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    body.on('end', () => {
      if (declared > 0 && received < declared)
        // Not the user's fault: something between the client and us kept only part of the body —
        // typically the proxy's body clone limit (experimental.proxyClientMaxBodySize, 10 MB by default).
        log().error({ received, declared }, 'evidence upload cut short; check experimental.proxyClientMaxBodySize');
    });
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
  });
}

/**
 * POST /api/evidence — multipart form: assignmentId, periodKey, file. Answers 201 with
 * `{ evidence: { id, fileName, sizeBytes, mimeType }, reportId, version }`, or `{ error }`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const upload = await readUpload(request);
    if (upload instanceof Response) return upload;

    const fields = EvidenceUploadInput.safeParse({
      assignmentId: upload.fields.assignmentId ?? null,
      periodKey: upload.fields.periodKey ?? null,
    });
    if (!fields.success) {
      upload.file.resume();
      return jsonError(fields.error.issues[0]?.message ?? INVALID_FORM, 400);
    }
    const result = await addEvidence({ ...fields.data, fileName: upload.fileName, bytes: upload.file });
    return Response.json(result, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof FieldError && error.message === EVIDENCE_MESSAGES.tooLarge)
      return jsonError(error.message, 413);
    return errorResponse(error);
  }
}
