/**
 * Vietnamese labels of the stored enums (the official terms of shared/DOMAIN.md). Labels of other
 * kinds live with their kind: official statuses in status.ts, recurrences in periods.ts, audit
 * events in audit-actions.ts, roles in lib/permissions.ts.
 */
import type { AssignmentRole, ProgrammeStatus, ReformArea, ReportStatus, UnitKind } from '../generated/prisma/enums';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: 'Nháp',
  SUBMITTED: 'Đã gửi',
  RETURNED: 'Yêu cầu bổ sung',
  APPROVED: 'Đã duyệt',
};

export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, string> = {
  ACTIVE: 'Đang thực hiện',
  ARCHIVED: 'Đã lưu trữ',
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
