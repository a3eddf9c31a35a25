import { writeSummaryWorkbook } from '@/lib/exports/xlsx';
import { streamedExportResponse } from '../http';

/** GET /api/exports/xlsx?<dashboard filters> — "Biểu tổng hợp" as an Excel workbook, streamed as it is written. */
export async function GET(request: Request): Promise<Response> {
  return streamedExportResponse(request, {
    baseName: 'Biểu tổng hợp',
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: writeSummaryWorkbook,
  });
}
