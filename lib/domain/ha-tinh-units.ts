/**
 * The units of Hà Tĩnh city (2021–2024), as listed in shared/DOMAIN.md.
 * Pure data: used by the seed and as the registry in parser tests.
 */
import type { UnitKind } from '../generated/prisma/enums';

export type UnitSeed = {
  code: string;
  name: string;
  kind: UnitKind;
  /** Other ways the name is written in real documents. */
  aliases?: string[];
};

export const HA_TINH_UNITS: readonly UnitSeed[] = [
  {
    code: 'UBND',
    name: 'UBND thành phố Hà Tĩnh',
    kind: 'LEADERSHIP',
    aliases: ['Ủy ban nhân dân thành phố', 'UBND thành phố'],
  },
  {
    code: 'VP',
    name: 'Văn phòng HĐND và UBND thành phố',
    kind: 'DEPARTMENT',
    aliases: ['Văn phòng HĐND-UBND thành phố', 'Văn phòng UBND thành phố'],
  },
  { code: 'NV', name: 'Phòng Nội vụ', kind: 'DEPARTMENT' },
  { code: 'TP', name: 'Phòng Tư pháp', kind: 'DEPARTMENT' },
  {
    code: 'TCKH',
    name: 'Phòng Tài chính – Kế hoạch',
    kind: 'DEPARTMENT',
    aliases: ['Phòng Tài chính - Kế hoạch', 'Phòng Tài chính Kế hoạch'],
  },
  { code: 'TNMT', name: 'Phòng Tài nguyên và Môi trường', kind: 'DEPARTMENT', aliases: ['Phòng TN&MT'] },
  {
    code: 'LDTBXH',
    name: 'Phòng Lao động – Thương binh và Xã hội',
    kind: 'DEPARTMENT',
    aliases: ['Phòng Lao động - Thương binh và Xã hội', 'Phòng LĐ-TB&XH'],
  },
  {
    code: 'VHTT',
    name: 'Phòng Văn hóa và Thông tin',
    kind: 'DEPARTMENT',
    aliases: ['Phòng văn hóa - thông tin', 'Phòng Văn hóa - Thông tin', 'Phòng VH-TT'],
  },
  { code: 'GDDT', name: 'Phòng Giáo dục và Đào tạo', kind: 'DEPARTMENT', aliases: ['Phòng GD&ĐT'] },
  { code: 'YT', name: 'Phòng Y tế', kind: 'DEPARTMENT' },
  { code: 'TT', name: 'Thanh tra thành phố', kind: 'DEPARTMENT' },
  { code: 'KT', name: 'Phòng Kinh tế', kind: 'DEPARTMENT' },
  { code: 'QLDT', name: 'Phòng Quản lý đô thị', kind: 'DEPARTMENT', aliases: ['Phòng QLĐT'] },
  { code: 'P-TRANPHU', name: 'Phường Trần Phú', kind: 'WARD' },
  { code: 'P-NAMHA', name: 'Phường Nam Hà', kind: 'WARD' },
  { code: 'P-BACHA', name: 'Phường Bắc Hà', kind: 'WARD' },
  { code: 'P-NGUYENDU', name: 'Phường Nguyễn Du', kind: 'WARD' },
  { code: 'P-TANGIANG', name: 'Phường Tân Giang', kind: 'WARD' },
  { code: 'P-DAINAI', name: 'Phường Đại Nài', kind: 'WARD' },
  { code: 'P-HAHUYTAP', name: 'Phường Hà Huy Tập', kind: 'WARD' },
  { code: 'P-THACHQUY', name: 'Phường Thạch Quý', kind: 'WARD' },
  { code: 'P-THACHLINH', name: 'Phường Thạch Linh', kind: 'WARD' },
  { code: 'P-VANYEN', name: 'Phường Văn Yên', kind: 'WARD' },
  { code: 'X-THACHTRUNG', name: 'Xã Thạch Trung', kind: 'COMMUNE' },
  { code: 'X-THACHHA', name: 'Xã Thạch Hạ', kind: 'COMMUNE' },
  { code: 'X-THACHHUNG', name: 'Xã Thạch Hưng', kind: 'COMMUNE' },
  { code: 'X-DONGMON', name: 'Xã Đồng Môn', kind: 'COMMUNE' },
  { code: 'X-THACHBINH', name: 'Xã Thạch Bình', kind: 'COMMUNE' },
];
