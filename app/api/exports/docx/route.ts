import { buildReportDocument, REPORT_UNITS_PER_SECTION } from '@/lib/exports/docx';
import { exportResponse } from '../http';

/** GET /api/exports/docx?<dashboard filters> — "Báo cáo kết quả thực hiện" as a Word document. */
export async function GET(request: Request): Promise<Response> {
  return exportResponse(request, {
    baseName: 'Báo cáo kết quả thực hiện',
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    heatUnits: REPORT_UNITS_PER_SECTION,
    build: (data) => buildReportDocument(data),
  });
}
