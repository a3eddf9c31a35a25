/**
 * Every operation of the API (/api/v1, decision 020), once: its path, the zod schemas of its
 * parameters and answer, and the words of its reference. The route handlers in app/api/v1 serve
 * them with lib/api/handler.ts; the OpenAPI document (lib/api/document.ts) is generated from this
 * list; tests/integration/api-document.test.ts checks that the two agree, file by file.
 */
import type { z } from 'zod';
import { AssignmentQuery, NoQuery } from './queries';
import * as S from './schemas';

export type ApiOperation = {
  /** The path under /api/v1, with {param} for path parameters. */
  path: string;
  summary: string;
  description: string;
  pathParams?: Record<string, string>;
  query: z.ZodObject;
  response: z.ZodType;
  /** False only for the document itself. */
  authenticated: boolean;
  tag: string;
};

export const API_BASE = '/api/v1';

export const API_OPERATIONS = {
  programmes: {
    path: '/programmes',
    summary: 'Danh sách chương trình',
    description:
      'Các chương trình, kế hoạch mà mã truy cập được đọc: mọi chương trình với mã đọc toàn bộ; với mã của một đơn vị, các chương trình có nhiệm vụ giao cho đơn vị đó.',
    query: NoQuery,
    response: S.ProgrammeList,
    authenticated: true,
    tag: 'Chương trình',
  },
  programmeTasks: {
    path: '/programmes/{programmeId}/tasks',
    summary: 'Nhiệm vụ của một chương trình',
    description:
      'Các nhiệm vụ (chưa lưu trữ) của chương trình mà mã truy cập được đọc, theo thứ tự trong văn bản. 404 khi chương trình không có trong phạm vi.',
    pathParams: { programmeId: 'Mã chương trình.' },
    query: NoQuery,
    response: S.TaskList,
    authenticated: true,
    tag: 'Chương trình',
  },
  assignments: {
    path: '/assignments',
    summary: 'Nhiệm vụ được giao, với tình trạng chính thức',
    description:
      'Mỗi dòng là một nhiệm vụ giao cho một đơn vị, với tình trạng chính thức tại thời điểm gọi (Hoàn thành đúng hạn / quá hạn, Đang thực hiện trong hạn / quá hạn, Chưa thực hiện; cờ Sắp đến hạn). Lọc theo chương trình, đơn vị, tình trạng; phân trang bằng cursor.',
    query: AssignmentQuery,
    response: S.AssignmentPage,
    authenticated: true,
    tag: 'Nhiệm vụ được giao',
  },
  assignment: {
    path: '/assignments/{assignmentId}',
    summary: 'Một nhiệm vụ được giao',
    description: 'Một nhiệm vụ được giao với tình trạng chính thức. 404 khi ngoài phạm vi của mã truy cập.',
    pathParams: { assignmentId: 'Mã nhiệm vụ được giao.' },
    query: NoQuery,
    response: S.Assignment,
    authenticated: true,
    tag: 'Nhiệm vụ được giao',
  },
  assignmentReports: {
    path: '/assignments/{assignmentId}/reports',
    summary: 'Báo cáo của một nhiệm vụ được giao',
    description:
      'Các báo cáo đã gửi (đã gửi, yêu cầu bổ sung, đã duyệt), kỳ mới nhất trước, với thông tin tài liệu kiểm chứng (không gồm nội dung tệp). 404 khi ngoài phạm vi.',
    pathParams: { assignmentId: 'Mã nhiệm vụ được giao.' },
    query: NoQuery,
    response: S.ReportList,
    authenticated: true,
    tag: 'Nhiệm vụ được giao',
  },
  indicators: {
    path: '/indicators',
    summary: 'Chỉ tiêu',
    description:
      'Các chỉ tiêu với đường cơ sở, mục tiêu theo năm và giá trị mới nhất đã được duyệt của từng đơn vị trong phạm vi, cùng đánh giá so với lộ trình.',
    query: NoQuery,
    response: S.IndicatorList,
    authenticated: true,
    tag: 'Chỉ tiêu',
  },
  document: {
    path: '/openapi.json',
    summary: 'Tài liệu OpenAPI',
    description: 'Tài liệu OpenAPI 3.1 của API này (không cần mã truy cập).',
    query: NoQuery,
    response: S.OpenApiDocument,
    authenticated: false,
    tag: 'Tài liệu',
  },
} as const satisfies Record<string, ApiOperation>;

export type ApiOperationName = keyof typeof API_OPERATIONS;
