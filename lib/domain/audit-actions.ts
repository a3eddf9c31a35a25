/** Every kind of audit event, with its Vietnamese label (the audit page's filter and table). */
export const AUDIT_ACTION_LABELS = {
  'auth.signed_in': 'Đăng nhập',
  'auth.sign_in_failed': 'Đăng nhập không thành công',
  'auth.throttled': 'Tạm chặn đăng nhập (sai nhiều lần)',
  'auth.signed_out': 'Đăng xuất',
  'user.password_changed': 'Tự đổi mật khẩu',
  'user.password_reset': 'Quản trị viên đặt lại mật khẩu',
  'user.created': 'Tạo người dùng',
  'user.updated': 'Sửa thông tin người dùng',
  'user.role_changed': 'Đổi vai trò',
  'user.unit_changed': 'Chuyển đơn vị',
  'user.deactivated': 'Khóa tài khoản',
  'user.reactivated': 'Mở khóa tài khoản',
  'report.draft_saved': 'Lưu nháp báo cáo',
  'report.submitted': 'Gửi báo cáo',
  'report.approved': 'Duyệt báo cáo',
  'report.returned': 'Yêu cầu bổ sung báo cáo',
  'evidence.added': 'Thêm tài liệu kiểm chứng',
  'evidence.removed': 'Gỡ tài liệu kiểm chứng',
  'extension.requested': 'Đề nghị gia hạn',
  'extension.approved': 'Chấp thuận gia hạn',
  'extension.rejected': 'Từ chối gia hạn',
  'programme.created': 'Tạo chương trình',
  'programme.imported': 'Nhập chương trình từ văn bản',
  'programme.updated': 'Sửa chương trình',
  'programme.archived': 'Lưu trữ chương trình',
  'programme.restored': 'Khôi phục chương trình',
  'programme.deleted': 'Xóa chương trình',
  'section.created': 'Tạo mục',
  'section.updated': 'Sửa mục',
  'section.moved': 'Chuyển vị trí mục',
  'section.deleted': 'Xóa mục',
  'task.created': 'Tạo nhiệm vụ',
  'task.updated': 'Sửa nhiệm vụ',
  'task.moved': 'Chuyển vị trí nhiệm vụ',
  'task.archived': 'Lưu trữ nhiệm vụ',
  'task.restored': 'Khôi phục nhiệm vụ',
  'task.deleted': 'Xóa nhiệm vụ',
  'task.assignments_changed': 'Đổi đơn vị thực hiện nhiệm vụ',
  'task.fanned_out': 'Giao nhiệm vụ cho các đơn vị',
  'unit.created': 'Tạo đơn vị',
  'unit.updated': 'Sửa đơn vị',
  'unit.deactivated': 'Ngừng hoạt động đơn vị',
  'unit.reactivated': 'Hoạt động lại đơn vị',
  'unit.merged': 'Sáp nhập đơn vị',
  'unit.split': 'Chia tách đơn vị',
  'calendar.changed': 'Điều chỉnh lịch ngày làm việc',
  'urging.ladder_changed': 'Sửa các bước đôn đốc của chương trình',
  'urging.letter_created': 'Ban hành công văn đôn đốc',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
