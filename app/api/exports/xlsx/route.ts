import { buildSummaryWorkbook } from '@/lib/exports/xlsx';
import { exportResponse } from '../http';

/** GET /api/exports/xlsx?<dashboard filters> — "Biểu tổng hợp" as an Excel workbook. */
export async function GET(request: Request): Promise<Response> {
  return exportResponse(request, {
    baseName: 'Biểu tổng hợp',
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    build: buildSummaryWorkbook,
  });
}
