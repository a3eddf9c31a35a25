import { getUrgingLetterFile } from '@/lib/data/urging';
import { AppError, HTTP_STATUS, NotFoundError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parseIdText } from '@/lib/validation/fields';
import { attachmentDisposition } from '@/lib/validation/evidence';
import { errorPage, GENERIC_ERROR } from '../../exports/http';

type Context = { params: Promise<{ letterId: string }> };

/**
 * GET /api/urging-letters/:letterId — a Công văn đôn đốc (decision 018) as the .docx it was made,
 * always as a download, for those who make and sign letters and for the units it was sent to;
 * "not found" to anyone else (lib/data/urging.ts). Followed from a notification, so refusals are pages.
 */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const id = parseIdText((await context.params).letterId);
    if (id === null) throw new NotFoundError();
    const file = await getUrgingLetterFile(id);
    return new Response(new Uint8Array(file.content), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Length': String(file.content.length),
        'Content-Disposition': attachmentDisposition(file.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return errorPage(HTTP_STATUS[error.code], error.message);
    log().error({ err: error }, 'urging letter download failed');
    return errorPage(500, GENERIC_ERROR);
  }
}
