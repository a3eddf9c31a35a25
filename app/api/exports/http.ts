/**
 * Shared by the export route handlers: the filters from the URL (the dashboard's, parsed the same
 * way), the download headers, the streamed body, and the errors the browser may see.
 * Authorization is in the data layer (getExportSource scopes everything to the signed-in user).
 *
 * Everything that can be refused or fail early — the session, the filters, the dashboard's numbers
 * — is done before the first byte, so it becomes a plain Vietnamese page with the right status.
 * After the first byte the status is sent: a failure then aborts the download (the browser reports
 * it as failed) rather than leaving a truncated file that looks whole.
 */
import 'server-only';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { getExportSource, type ExportSource } from '@/lib/data/exports';
import { vnDateOf } from '@/lib/domain/time';
import { AppError, HTTP_STATUS } from '@/lib/errors';
import { exportFileName } from '@/lib/exports/text';
import { parseDashboardParams } from '@/lib/validation/dashboard';
import { attachmentDisposition } from '@/lib/validation/evidence';
import { log } from '@/lib/log';

export const GENERIC_ERROR =
  'Hệ thống chưa tạo được tệp báo cáo. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small self-contained page: the download link was followed in the browser, so it shows there. */
export function errorPage(status: number, message: string): Response {
  const link = status === 401 ? '<a href="/login">Đăng nhập</a>' : '<a href="/dashboard">Quay lại bảng điều khiển</a>';
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không tạo được tệp — Đôn đốc</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}h1{font-size:1.25rem}a{color:#1d4ed8}</style>
</head><body><main><h1>Không tạo được tệp</h1><p>${escapeHtml(message)}</p><p>${link}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function failure(error: unknown): Response {
  if (error instanceof AppError) return errorPage(HTTP_STATUS[error.code], error.message);
  log().error({ err: error }, 'export failed');
  return errorPage(500, GENERIC_ERROR);
}

function downloadHeaders(fileName: string, mime: string, length?: number): HeadersInit {
  return {
    'Content-Type': mime,
    ...(length !== undefined ? { 'Content-Length': String(length) } : {}),
    'Content-Disposition': attachmentDisposition(fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  };
}

type Options = { baseName: string; ext: 'xlsx' | 'docx'; mime: string; heatUnits?: number };

async function sourceOf(request: Request, heatUnits?: number): Promise<ExportSource> {
  // The documents break results down by section, whatever the screen's heatmap showed.
  const filters = { ...parseDashboardParams(new URL(request.url).searchParams), heat: 'section' as const };
  return getExportSource(filters, { heatUnits });
}

/** A file built whole (the Word report: small and bounded), sent with its length. */
export async function exportResponse(
  request: Request,
  { build, ...o }: Options & { build: (data: ExportSource) => Promise<Buffer> },
): Promise<Response> {
  try {
    const data = await sourceOf(request, o.heatUnits);
    const bytes = await build(data);
    return new Response(new Uint8Array(bytes), {
      headers: downloadHeaders(exportFileName(o.baseName, vnDateOf(data.generatedAt), o.ext), o.mime, bytes.length),
    });
  } catch (error) {
    return failure(error);
  }
}

/**
 * The bytes `write` puts into a Node stream, as a web stream for a Response body. A failure of
 * `write` errors the stream (the download fails visibly); cancelling it (the client went away)
 * destroys the Node stream, which `write` notices at its next page.
 */
export function streamedBody(
  write: (data: ExportSource, out: Writable) => Promise<void>,
  data: ExportSource,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  write(data, out).then(
    () => {
      if (!out.writableEnded && !out.destroyed) out.end();
    },
    (error: unknown) => {
      if (!out.destroyed) log().error({ err: error }, 'export failed while streaming');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/**
 * A file written as it is sent (the Excel table): `write` gets a Node stream whose bytes go straight
 * into the response body; it may wait on the stream's backpressure. If the client goes away the
 * stream is destroyed and `write` should stop at its next page.
 */
export async function streamedExportResponse(
  request: Request,
  { write, ...o }: Options & { write: (data: ExportSource, out: Writable) => Promise<void> },
): Promise<Response> {
  let data: ExportSource;
  try {
    data = await sourceOf(request, o.heatUnits);
  } catch (error) {
    return failure(error);
  }
  const body = streamedBody(write, data);
  return new Response(body, {
    headers: downloadHeaders(exportFileName(o.baseName, vnDateOf(data.generatedAt), o.ext), o.mime),
  });
}
