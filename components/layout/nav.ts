import { can, type SessionUser } from '@/lib/permissions';

export type NavItem = { href: string; label: string };

/** Navigation by role: only what the user may open. */
export function navFor(user: SessionUser): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'Trang chủ' }];
  if (can(user, 'work:read-own')) items.push({ href: '/dashboard', label: 'Bảng điều khiển' });
  if (can(user, 'report:write')) items.push({ href: '/assignments', label: 'Nhiệm vụ của đơn vị' });
  if (can(user, 'report:review')) items.push({ href: '/reviews', label: 'Báo cáo chờ duyệt' });
  if (can(user, 'work:read-all') || user.role === 'DEPARTMENT_HEAD')
    items.push({ href: '/board', label: 'Tình hình nộp báo cáo' });
  if (can(user, 'extension:decide')) items.push({ href: '/extensions', label: 'Đề nghị gia hạn' });
  if (can(user, 'urging:manage')) items.push({ href: '/urging', label: 'Đôn đốc' });
  if (can(user, 'programme:manage')) items.push({ href: '/admin/programmes', label: 'Chương trình' });
  if (can(user, 'unit:manage')) items.push({ href: '/admin/units', label: 'Đơn vị' });
  if (can(user, 'user:manage')) items.push({ href: '/admin/users', label: 'Người dùng' });
  if (can(user, 'calendar:manage')) items.push({ href: '/admin/calendar', label: 'Lịch làm việc' });
  if (can(user, 'api-token:manage')) items.push({ href: '/admin/api', label: 'API' });
  if (can(user, 'audit:read')) items.push({ href: '/admin/audit', label: 'Nhật ký' });
  items.push({ href: '/account/email', label: 'Thư điện tử' });
  items.push({ href: '/account/password', label: 'Đổi mật khẩu' });
  return items;
}
