import type { Role } from '../../lib/generated/prisma/enums';

/** Development-only password of every demo user (printed in the README). */
export const DEMO_PASSWORD = 'DonDoc@2026';

export const DEMO_USERS: { username: string; displayName: string; jobTitle: string; role: Role; unitCode: string }[] = [
  {
    username: 'admin',
    displayName: 'Nguyễn Thị Hoa',
    jobTitle: 'Quản trị hệ thống, Phòng Nội vụ',
    role: 'ADMIN',
    unitCode: 'NV',
  },
  {
    username: 'chutich',
    displayName: 'Trần Văn Minh',
    jobTitle: 'Chủ tịch UBND thành phố',
    role: 'CHAIRMAN',
    unitCode: 'UBND',
  },
  {
    username: 'phochutich',
    displayName: 'Lê Thị Thu',
    jobTitle: 'Phó Chủ tịch UBND thành phố',
    role: 'CHAIRMAN',
    unitCode: 'UBND',
  },
  {
    username: 'tp.noivu',
    displayName: 'Phạm Quốc Hùng',
    jobTitle: 'Trưởng phòng Nội vụ',
    role: 'DEPARTMENT_HEAD',
    unitCode: 'NV',
  },
  {
    username: 'tp.vhtt',
    displayName: 'Võ Thị Lan',
    jobTitle: 'Trưởng phòng Văn hóa và Thông tin',
    role: 'DEPARTMENT_HEAD',
    unitCode: 'VHTT',
  },
  {
    username: 'cb.noivu',
    displayName: 'Đặng Văn Nam',
    jobTitle: 'Chuyên viên Phòng Nội vụ',
    role: 'OFFICER',
    unitCode: 'NV',
  },
  {
    username: 'cb.vhtt',
    displayName: 'Hồ Thị Mai',
    jobTitle: 'Chuyên viên Phòng Văn hóa và Thông tin',
    role: 'OFFICER',
    unitCode: 'VHTT',
  },
  {
    username: 'cb.tranphu',
    displayName: 'Nguyễn Văn An',
    jobTitle: 'Công chức Văn phòng – Thống kê phường Trần Phú',
    role: 'OFFICER',
    unitCode: 'P-TRANPHU',
  },
  {
    username: 'cb.namha',
    displayName: 'Bùi Thị Bình',
    jobTitle: 'Công chức Văn phòng – Thống kê phường Nam Hà',
    role: 'OFFICER',
    unitCode: 'P-NAMHA',
  },
  {
    username: 'cb.thachha',
    displayName: 'Lê Văn Cường',
    jobTitle: 'Công chức Văn phòng – Thống kê xã Thạch Hạ',
    role: 'OFFICER',
    unitCode: 'X-THACHHA',
  },
  {
    username: 'cb.bacha',
    displayName: 'Trương Thị Duyên',
    jobTitle: 'Công chức Văn phòng – Thống kê phường Bắc Hà',
    role: 'OFFICER',
    unitCode: 'P-BACHA',
  },
  {
    username: 'cb.nguyendu',
    displayName: 'Phan Văn Đức',
    jobTitle: 'Công chức Văn phòng – Thống kê phường Nguyễn Du',
    role: 'OFFICER',
    unitCode: 'P-NGUYENDU',
  },
  {
    username: 'cb.thachquy',
    displayName: 'Ngô Thị Giang',
    jobTitle: 'Công chức Văn phòng – Thống kê phường Thạch Quý',
    role: 'OFFICER',
    unitCode: 'P-THACHQUY',
  },
  {
    username: 'cb.tckh',
    displayName: 'Đinh Văn Hải',
    jobTitle: 'Chuyên viên Phòng Tài chính – Kế hoạch',
    role: 'OFFICER',
    unitCode: 'TCKH',
  },
];
