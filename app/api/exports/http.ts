/**
 * Shared by the export route handlers: the filters from the URL (the dashboard's, parsed the same
 * way), the download headers, and errors the browser may see. Authorization is in the data layer
 * (getExportData scopes everything to the signed-in user).
 */
import 'server-only';
import { getExportData, type ExportData } from '@/lib/data/dashboard';
import { vnDateOf } from '@/lib/domain/time';
import { AppError } from '@/lib/errors';
import { exportFileName } from '@/lib/exports/text';
import { parseDashboardParams } from '@/lib/validation/dashboard';
import { attachmentDisposition } from '@/lib/validation/evidence';

const STATUS: Record<AppError['code'], number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHENTICATED: 401 };

const GENERIC_ERROR = 'Hệ thống chưa tạo được tệp báo cáo. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.';

/** Builds a file from the export data of the request's filters and sends it as a download. */
export async function exportResponse(
  request: Request,
  { baseName, ext, mime, build }: { baseName: string; ext: 'xlsx' | 'docx'; mime: string; build: (data: ExportData) => Promise<Buffer> },
): Promise<Response> {
  try {
    // The documents break results down by section, whatever the screen's heatmap showed.
    const filters = { ...parseDashboardParams(new URL(request.url).searchParams), heat: 'section' as const };
    const data = await getExportData(filters);
    const bytes = await build(data);
    const fileName = exportFileName(baseName, vnDateOf(data.generatedAt), ext);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': mime,
        'Content-Length': String(bytes.length),
        'Content-Disposition': attachmentDisposition(fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      return Response.json({ error: error.message }, { status: STATUS[error.code], headers: { 'Cache-Control': 'no-store' } });
    }
    console.error('Export failed', error);
    return Response.json({ error: GENERIC_ERROR }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
  }
}
