/** The request fields of evidence routes (server only: zod stays out of the upload form's bundle). */
import { z } from 'zod';
import { id, parseIdText, periodKey } from './fields';

/** The text fields of an upload (multipart form data). */
export const EvidenceUploadInput = z.object({
  assignmentId: id('Nhiệm vụ'),
  periodKey,
});
export type EvidenceUploadInput = z.infer<typeof EvidenceUploadInput>;

/** A route's [evidenceId]: a positive 32-bit integer written plainly, anything else does not exist. */
export const EvidenceIdParam = z.string().transform((v, ctx): number => {
  const n = parseIdText(v);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: 'Không tìm thấy tệp.' });
    return z.NEVER;
  }
  return n;
});
