/** Vietnamese labels of the stored enums (the official terms of shared/DOMAIN.md). */
import type { AssignmentRole, ReformArea, ReportStatus, UnitKind } from '../generated/prisma/enums';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: 'Nháp',
  SUBMITTED: 'Đã gửi',
  RETURNED: 'Yêu cầu bổ sung',
  APPROVED: 'Đã duyệt',
};

export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = {
  LEAD: 'Chủ trì',
  COORDINATING: 'Phối hợp',
  IMPLEMENTING: 'Thực hiện',
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  LEADERSHIP: 'Lãnh đạo UBND',
  DEPARTMENT: 'Phòng, ban',
  WARD: 'Phường',
  COMMUNE: 'Xã',
};

export const REFORM_AREA_LABELS: Record<ReformArea, string> = {
  INSTITUTIONS: 'Cải cách thể chế',
  ADMIN_PROCEDURES: 'Cải cách thủ tục hành chính',
  ORGANISATION: 'Cải cách tổ chức bộ máy hành chính nhà nước',
  CIVIL_SERVICE: 'Cải cách chế độ công vụ',
  PUBLIC_FINANCE: 'Cải cách tài chính công',
  DIGITAL_GOVERNMENT: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'report.draft_saved': 'Lưu nháp',
  'report.submitted': 'Gửi báo cáo',
  'report.approved': 'Duyệt báo cáo',
  'report.returned': 'Trả lại, yêu cầu bổ sung',
  'evidence.added': 'Đính kèm tài liệu kiểm chứng',
  'evidence.removed': 'Gỡ tài liệu kiểm chứng',
  'extension.requested': 'Đề nghị gia hạn',
  'extension.approved': 'Đồng ý gia hạn',
  'extension.rejected': 'Không đồng ý gia hạn',
};
