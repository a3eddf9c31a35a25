/**
 * The answers of the API (/api/v1, decision 020) as zod schemas: what the route handlers build
 * their JSON with (each answer is parsed by its schema before it is sent, so nothing else slips
 * out), and what the OpenAPI document is generated from (lib/api/document.ts). Every object is
 * strict: a field that is not written here is never sent.
 *
 * Conventions: days (deadlines, periods) are `YYYY-MM-DD` calendar days in Asia/Ho_Chi_Minh;
 * instants are ISO 8601 in UTC (`…Z`); every enumerated value is `{ code, label }`: a stable
 * English code for programs and the official Vietnamese term for people.
 */
import { z } from 'zod';
import { RECURRENCES } from '../domain/periods';
import { OFFICIAL_STATUSES } from '../domain/status';
import { REFORM_AREAS } from '../validation/programme-limits';

type Meta = { id?: string; description?: string; title?: string };
/** The schemas that are components of the OpenAPI document, by their id. */
export const apiRegistry = z.registry<Meta>();

function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  apiRegistry.add(schema, { id, description });
  return schema;
}

const Id = z.int().min(1).max(2_147_483_647);
const Day = z.iso.date().describe('Ngày theo lịch Việt Nam (Asia/Ho_Chi_Minh), dạng YYYY-MM-DD.');
const Instant = z.iso.datetime().describe('Thời điểm theo ISO 8601, giờ UTC (kết thúc bằng Z).');

function coded<const T extends readonly [string, ...string[]]>(codes: T, description: string) {
  return z.strictObject({ code: z.enum(codes), label: z.string() }).describe(description);
}

export const ApiError = named(
  z.strictObject({
    error: z.strictObject({
      code: z.enum([
        'unauthorized',
        'forbidden',
        'not_found',
        'invalid',
        'method_not_allowed',
        'rate_limited',
        'internal',
      ]),
      message: z.string().describe('Thông báo bằng tiếng Việt, để hiển thị cho người dùng.'),
    }),
  }),
  'Error',
  'Lỗi: mã ổn định (cho máy) và thông báo tiếng Việt (cho người).',
);

export const UnitRef = named(
  z.strictObject({ id: Id, code: z.string(), name: z.string() }),
  'UnitRef',
  'Đơn vị (phòng, ban, phường, xã).',
);

export const Programme = named(
  z.strictObject({
    id: Id,
    title: z.string(),
    documentNumber: z.string().nullable().describe('Số, ký hiệu văn bản.'),
    issuingBody: z.string(),
    issuedOn: Day.nullable(),
    periodStart: Day.nullable(),
    periodEnd: Day.nullable(),
    status: coded(['ACTIVE', 'ARCHIVED'], 'Trạng thái chương trình.'),
  }),
  'Programme',
  'Chương trình, kế hoạch (văn bản chỉ đạo) mà mã truy cập được đọc: có ít nhất một nhiệm vụ giao cho đơn vị trong phạm vi.',
);

export const ProgrammeList = named(
  z.strictObject({ items: z.array(Programme) }),
  'ProgrammeList',
  'Danh sách chương trình.',
);

export const Task = named(
  z.strictObject({
    id: Id,
    programmeId: Id,
    code: z.string().describe('Số hiệu trong văn bản: số La Mã của mục và số của nhiệm vụ, ví dụ "I.4".'),
    title: z.string(),
    text: z.string().describe('Nội dung nhiệm vụ như trong văn bản.'),
    section: z.strictObject({ numeral: z.string(), title: z.string() }),
    reformArea: coded(REFORM_AREAS, 'Lĩnh vực cải cách hành chính (Nghị quyết 76/NQ-CP).').nullable(),
    recurrence: coded(RECURRENCES, 'Tần suất báo cáo.'),
    dueDate: Day.nullable().describe('Hạn hoàn thành; null: thường xuyên / không thời hạn.'),
    evidenceRequired: z.boolean(),
    leadUnits: z.array(UnitRef).describe('Đơn vị chủ trì.'),
  }),
  'Task',
  'Nhiệm vụ của một chương trình.',
);

export const TaskList = named(z.strictObject({ items: z.array(Task) }), 'TaskList', 'Danh sách nhiệm vụ.');

export const OfficialStatus = named(
  z.strictObject({
    code: z.enum(OFFICIAL_STATUSES),
    label: z.string().describe('Thuật ngữ chính thức, ví dụ "Đang thực hiện quá hạn".'),
    dueSoon: z.boolean().describe('"Sắp đến hạn": còn tối đa 3 ngày làm việc.'),
    noDeadline: z.boolean().describe('"Thường xuyên / Không thời hạn".'),
    daysLeft: z.int().nullable().describe('Số ngày còn lại đến hạn (0 = hạn hôm nay), khi chưa hoàn thành và còn hạn.'),
    daysOverdue: z.int().nullable().describe('Số ngày quá hạn, hoặc số ngày hoàn thành muộn.'),
  }),
  'OfficialStatus',
  'Tình trạng thực hiện chính thức, tính như trên giao diện và trong báo cáo tổng hợp.',
);

export const Assignment = named(
  z.strictObject({
    id: Id,
    programme: z.strictObject({ id: Id, title: z.string() }),
    task: z.strictObject({ id: Id, code: z.string(), title: z.string() }),
    unit: UnitRef,
    role: coded(['LEAD', 'COORDINATING', 'IMPLEMENTING'], 'Vai trò của đơn vị.'),
    recurrence: coded(RECURRENCES, 'Tần suất báo cáo.'),
    dueDate: Day.nullable().describe(
      'Hạn mà tình trạng được tính theo: với nhiệm vụ định kỳ, hạn của kỳ sớm nhất còn thiếu báo cáo.',
    ),
    completedAt: Instant.nullable().describe('Thời điểm hoàn thành (nhiệm vụ một lần).'),
    status: OfficialStatus,
  }),
  'Assignment',
  'Một nhiệm vụ giao cho một đơn vị, với tình trạng chính thức tại thời điểm gọi.',
);

export const AssignmentPage = named(
  z.strictObject({
    items: z.array(Assignment),
    nextCursor: z.string().nullable().describe('Gửi lại trong tham số cursor để lấy trang sau; null ở trang cuối.'),
  }),
  'AssignmentPage',
  'Một trang nhiệm vụ được giao, theo thứ tự mã tăng dần.',
);

export const Evidence = named(
  z.strictObject({
    id: Id,
    fileName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.int().min(0),
    sha256: z.string().describe('Mã băm SHA-256 của tệp, để đối chiếu.'),
    uploadedAt: Instant,
  }),
  'Evidence',
  'Thông tin tài liệu kiểm chứng (không gồm nội dung tệp).',
);

export const Report = named(
  z.strictObject({
    id: Id,
    assignmentId: Id,
    periodKey: z.string().describe('Kỳ báo cáo: ONCE, CONTINUOUS, 2026, 2026-11, 2026-Q3, 2026-H1.'),
    periodLabel: z.string(),
    status: coded(['SUBMITTED', 'RETURNED', 'APPROVED'], 'Trạng thái báo cáo.'),
    progress: z.int().min(0).max(100).describe('Tiến độ, %.'),
    content: z.string(),
    difficulties: z.string().nullable(),
    proposals: z.string().nullable(),
    value: z.number().nullable().describe('Giá trị chỉ tiêu báo cáo trong kỳ (nhiệm vụ là chỉ tiêu).'),
    submittedAt: Instant.nullable(),
    reviewedAt: Instant.nullable(),
    reviewComment: z.string().nullable(),
    completedAt: Instant.nullable(),
    evidence: z.array(Evidence),
  }),
  'Report',
  'Báo cáo tiến độ đã gửi (bản nháp của đơn vị không được cung cấp).',
);

export const ReportList = named(
  z.strictObject({ items: z.array(Report) }),
  'ReportList',
  'Các báo cáo của một nhiệm vụ được giao, kỳ mới nhất trước.',
);

const Rag = coded(['GREEN', 'AMBER', 'RED'], 'Đánh giá so với lộ trình: đạt, cần cố gắng, không đạt.');

export const Indicator = named(
  z.strictObject({
    id: Id,
    code: z.string(),
    name: z.string(),
    reformArea: coded(REFORM_AREAS, 'Lĩnh vực cải cách hành chính.'),
    measureUnit: z.string(),
    direction: coded(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'], 'Chiều tốt lên của chỉ tiêu.'),
    verified: z.boolean().describe('Chỉ tiêu đã được đối chiếu với văn bản.'),
    baseline: z.strictObject({ value: z.number(), year: z.int() }).nullable(),
    targets: z.array(z.strictObject({ year: z.int(), value: z.number() })),
    requiredToday: z.number().nullable().describe('Mức lộ trình yêu cầu hôm nay.'),
    units: z.array(
      z.strictObject({
        unit: z.strictObject({ id: Id, name: z.string() }),
        assignmentId: Id,
        latest: z
          .strictObject({ reportId: Id, value: z.number(), periodLabel: z.string(), measuredOn: Day })
          .nullable()
          .describe('Giá trị mới nhất đã được duyệt; null khi chưa có.'),
        required: z.number().nullable(),
        rag: Rag.nullable(),
      }),
    ),
  }),
  'Indicator',
  'Chỉ tiêu với mục tiêu theo năm và giá trị mới nhất đã được duyệt của từng đơn vị trong phạm vi.',
);

export const IndicatorList = named(
  z.strictObject({ items: z.array(Indicator) }),
  'IndicatorList',
  'Danh sách chỉ tiêu.',
);

export const OpenApiDocument = named(
  z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.looseObject({}) }),
  'OpenApiDocument',
  'Tài liệu OpenAPI 3.1.',
);
