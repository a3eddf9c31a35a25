import { Readable } from 'node:stream';
import { openEvidenceForDownload, removeEvidence } from '@/lib/data/evidence';
import { NotFoundError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/validation/evidence';
import { EvidenceIdParam } from '@/lib/validation/evidence-input';
import { errorResponse, jsonError, refuseCrossSite } from '../http';

type Context = { params: Promise<{ evidenceId: string }> };

/** Anything but a plain positive id names nothing. */
async function evidenceIdOf(context: Context): Promise<number | null> {
  const parsed = EvidenceIdParam.safeParse((await context.params).evidenceId);
  return parsed.success ? parsed.data : null;
}

/**
 * GET /api/evidence/:evidenceId — the file, always as a download: the type decided from its
 * content at upload, no sniffing, no caching by shared caches or the browser.
 */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const id = await evidenceIdOf(context);
    if (id === null) return jsonError(new NotFoundError().message, 404);
    const file = await openEvidenceForDownload(id);
    // Node's web stream type and the DOM's differ only in their declarations.
    const body = Readable.toWeb(file.stream) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'Content-Type': file.mimeType,
        'Content-Length': String(file.sizeBytes),
        'Content-Disposition': attachmentDisposition(file.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        // Should a browser ever render it anyway, it runs nothing and loads nothing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/evidence/:evidenceId — takes the file off its report: `{ reportId, version }`, or `{ error }`. */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  try {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const id = await evidenceIdOf(context);
    if (id === null) return jsonError(new NotFoundError().message, 404);
    return Response.json(await removeEvidence(id), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
