/**
 * Programmes, sections, tasks, their assignments and the directive import: the checks shared by
 * the browser (limits, hints) and the server (the check that counts). Messages are Vietnamese and
 * shown next to the field they concern.
 */
import { z } from 'zod';
import { FAN_OUT_GROUPS } from '../domain/fan-out';
import type { IsoDate } from '../domain/time';
import { RECURRENCES } from '../domain/periods';
import { checkbox, choice, cleanText, id, INT4_MAX, optionalId, optionalText, requiredText, vnDate } from './fields';
import { PROGRAMME_LIMITS, REFORM_AREAS, utf8Length } from './programme-limits';

export { id, vnDate };

const vn = (n: number) => n.toLocaleString('vi-VN');

const PERIODIC = new Set<string>(['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY']);

const reformArea = z
  .string()
  .optional()
  .transform((v) => v ?? '')
  .pipe(
    z.union([z.literal('').transform(() => null), z.enum(REFORM_AREAS, { error: 'Lĩnh vực cải cách không hợp lệ.' })]),
  );

const recurrence = choice(RECURRENCES, 'Chọn tính chất: một lần, định kỳ hoặc thường xuyên.');
const group = choice(FAN_OUT_GROUPS, 'Nhóm đơn vị không hợp lệ.');
const optionalGroup = z
  .string()
  .optional()
  .transform((v) => v ?? '')
  .pipe(z.union([z.literal('').transform(() => null), group]));

// ---------------------------------------------------------------------------------------------
// Programme (the source document)

const programmeShape = {
  title: requiredText('Tên chương trình', PROGRAMME_LIMITS.title),
  documentNumber: optionalText('Số, ký hiệu', PROGRAMME_LIMITS.documentNumber),
  issuingBody: requiredText('Cơ quan ban hành', PROGRAMME_LIMITS.issuingBody),
  issuedOn: vnDate('Ngày ban hành'),
  summary: optionalText('Trích yếu', PROGRAMME_LIMITS.summary, { multiline: true }),
  periodStart: vnDate('Thực hiện từ ngày'),
  periodEnd: vnDate('Đến ngày'),
};

function periodInOrder(v: { periodStart: IsoDate | null; periodEnd: IsoDate | null }): boolean {
  return !v.periodStart || !v.periodEnd || v.periodEnd >= v.periodStart;
}
const periodMessage = { path: ['periodEnd'], error: 'Ngày kết thúc phải sau ngày bắt đầu.' };

export const ProgrammeInput = z.object(programmeShape).refine(periodInOrder, periodMessage);
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;

export const ProgrammeUpdateInput = z
  .object({ programmeId: id('Chương trình'), ...programmeShape })
  .refine(periodInOrder, periodMessage);
export type ProgrammeUpdateInput = z.infer<typeof ProgrammeUpdateInput>;

// ---------------------------------------------------------------------------------------------
// Sections and tasks

export const SectionInput = z.object({
  programmeId: id('Chương trình'),
  numeral: requiredText('Số mục', PROGRAMME_LIMITS.sectionNumeral),
  title: requiredText('Tên mục', PROGRAMME_LIMITS.sectionTitle),
});
export type SectionInput = z.infer<typeof SectionInput>;

export const SectionUpdateInput = z.object({
  sectionId: id('Mục'),
  numeral: requiredText('Số mục', PROGRAMME_LIMITS.sectionNumeral),
  title: requiredText('Tên mục', PROGRAMME_LIMITS.sectionTitle),
});
export type SectionUpdateInput = z.infer<typeof SectionUpdateInput>;

const taskShape = {
  sectionId: id('Mục'),
  number: requiredText('Số thứ tự nhiệm vụ', PROGRAMME_LIMITS.taskNumber),
  title: requiredText('Tên nhiệm vụ', PROGRAMME_LIMITS.taskTitle),
  text: requiredText('Nội dung nhiệm vụ', PROGRAMME_LIMITS.taskText, { multiline: true }),
  reformArea,
  dueDate: vnDate('Thời hạn'),
  recurrence,
  evidenceRequired: checkbox,
};

/** A periodic task is due at the end of each reporting period; a date of its own would be ignored. */
function deadlineFitsRecurrence(v: { dueDate: IsoDate | null; recurrence: string }): boolean {
  return v.dueDate === null || !PERIODIC.has(v.recurrence);
}
const deadlineMessage = {
  path: ['dueDate'],
  error: 'Nhiệm vụ định kỳ có hạn theo từng kỳ báo cáo: bỏ trống thời hạn, hoặc chọn "Một lần" hay "Thường xuyên".',
};

export const TaskCreateInput = z
  .object({
    programmeId: id('Chương trình'),
    ...taskShape,
    leadUnitId: optionalId('Đơn vị'),
    collective: optionalGroup,
  })
  .refine(deadlineFitsRecurrence, deadlineMessage);
export type TaskCreateInput = z.infer<typeof TaskCreateInput>;

export const TaskUpdateInput = z
  .object({ taskId: id('Nhiệm vụ'), ...taskShape })
  .refine(deadlineFitsRecurrence, deadlineMessage);
export type TaskUpdateInput = z.infer<typeof TaskUpdateInput>;

/** The assignment matrix of one task: unit id → role ('NONE' = not given). */
export const TaskAssignmentsInput = z
  .object({
    taskId: id('Nhiệm vụ'),
    roles: z.record(
      z
        .string()
        .refine((key) => /^[1-9]\d{0,9}$/.test(key) && Number(key) <= INT4_MAX, { error: 'Đơn vị không hợp lệ.' }),
      choice(['NONE', 'LEAD', 'COORDINATING', 'IMPLEMENTING'], 'Vai trò không hợp lệ.'),
    ),
  })
  .refine((v) => Object.values(v.roles).filter((r) => r === 'LEAD').length <= 1, {
    path: ['roles'],
    error: 'Mỗi nhiệm vụ chỉ có một đơn vị chủ trì.',
  });
export type TaskAssignmentsInput = z.infer<typeof TaskAssignmentsInput>;

export const FanOutInput = z.object({
  taskId: id('Nhiệm vụ'),
  group,
  role: choice(['IMPLEMENTING', 'COORDINATING'], 'Vai trò không hợp lệ.'),
});
export type FanOutInput = z.infer<typeof FanOutInput>;

export const MoveInput = z.object({ id: id(), direction: choice(['up', 'down'], 'Hướng không hợp lệ.') });
export type MoveInput = z.infer<typeof MoveInput>;

export const IdInput = z.object({ id: id() });

// ---------------------------------------------------------------------------------------------
// Directive import

/** The text to analyse (the file, if any, is checked by the data layer: its bytes decide). */
export const AnalyzeInput = z.object({
  text: z
    .string({ error: 'Văn bản không hợp lệ.' })
    .optional()
    .transform((v) => cleanText(v ?? '', { multiline: true }))
    .refine((v) => utf8Length(v) <= PROGRAMME_LIMITS.sourceBytes, {
      error: `Văn bản quá dài: tối đa 1 MB (khoảng ${vn(700_000)} chữ). Hãy tách thành nhiều lần nhập.`,
    }),
});

const unitCode = z
  .string({ error: 'Mã đơn vị không hợp lệ.' })
  .transform((v) => cleanText(v))
  .pipe(z.string().min(1, { error: 'Mã đơn vị không hợp lệ.' }).max(30, { error: 'Mã đơn vị không hợp lệ.' }));

export const ImportTaskInput = z
  .object({
    number: requiredText('Số thứ tự nhiệm vụ', PROGRAMME_LIMITS.taskNumber),
    title: requiredText('Tên nhiệm vụ', PROGRAMME_LIMITS.taskTitle),
    text: requiredText('Nội dung nhiệm vụ', PROGRAMME_LIMITS.taskText, { multiline: true }),
    reformArea,
    dueDate: vnDate('Thời hạn'),
    recurrence,
    evidenceRequired: z.boolean({ error: 'Giá trị "cần tài liệu kiểm chứng" không hợp lệ.' }),
    lead: unitCode.nullable(),
    coordinators: z.array(unitCode).max(PROGRAMME_LIMITS.coordinators, { error: 'Quá nhiều đơn vị phối hợp.' }),
    coordinatingGroup: group.nullable(),
    collective: group.nullable(),
  })
  .refine(deadlineFitsRecurrence, deadlineMessage);
export type ImportTaskInput = z.infer<typeof ImportTaskInput>;

export const ImportSectionInput = z.object({
  numeral: z
    .string({ error: 'Số mục không hợp lệ.' })
    .transform((v) => cleanText(v))
    .pipe(
      z
        .string()
        .max(PROGRAMME_LIMITS.sectionNumeral, { error: `Số mục tối đa ${PROGRAMME_LIMITS.sectionNumeral} ký tự.` }),
    ),
  title: requiredText('Tên mục', PROGRAMME_LIMITS.sectionTitle),
  tasks: z
    .array(ImportTaskInput)
    .max(PROGRAMME_LIMITS.tasks, { error: `Tối đa ${vn(PROGRAMME_LIMITS.tasks)} nhiệm vụ.` }),
});

export const ImportInput = z
  .object({
    programme: z.object(programmeShape).refine(periodInOrder, periodMessage),
    sourceText: z
      .string({ error: 'Văn bản gốc không hợp lệ.' })
      .transform((v) => cleanText(v, { multiline: true }))
      .refine((v) => utf8Length(v) <= PROGRAMME_LIMITS.sourceBytes, { error: 'Văn bản gốc quá dài: tối đa 1 MB.' }),
    sections: z
      .array(ImportSectionInput)
      .min(1, { error: 'Chưa có mục nào: thêm ít nhất một mục và một nhiệm vụ.' })
      .max(PROGRAMME_LIMITS.sections, { error: `Tối đa ${PROGRAMME_LIMITS.sections} mục.` }),
  })
  .superRefine((v, ctx) => {
    const total = v.sections.reduce((n, s) => n + s.tasks.length, 0);
    if (total === 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Chưa có nhiệm vụ nào để lưu.' });
    if (total > PROGRAMME_LIMITS.tasks) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: `Tối đa ${vn(PROGRAMME_LIMITS.tasks)} nhiệm vụ trong một chương trình (đang có ${vn(total)}).`,
      });
    }
    v.sections.forEach((s, i) => {
      if (s.tasks.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'title'],
          message: 'Mục này chưa có nhiệm vụ: thêm nhiệm vụ hoặc xóa mục.',
        });
    });
  });
export type ImportInput = z.infer<typeof ImportInput>;

/** What the review grid holds and posts back (before the server's checks). */
export type ImportDraft = z.input<typeof ImportInput>;
export type ImportDraftTask = z.input<typeof ImportTaskInput>;

/** How a unit named in the text was read: shown beside the task so the reviewer can judge it. */
export type ProposalRef = {
  role: 'LEAD' | 'COORDINATING';
  text: string;
  unitCode: string | null;
  unitName: string | null;
  confidence: number;
  /** A collective group named as partners ("các phòng, ban, ngành thành phố"). */
  group: 'ALL' | 'DEPARTMENTS' | 'WARDS_COMMUNES' | null;
  /**
   * Named as a lead after the first ("Cơ quan chủ trì: A, B"): a task has one lead, so it is
   * proposed as a coordinating unit (it is given the task and reports) and the reviewer is told.
   */
  coLead?: boolean;
};

/**
 * How sure the parser is of one field of a task, for the review grid:
 * - EXACT: read from the text and matched exactly (a registry name or alias, a full date);
 * - FUZZY: read, but the reviewer must check it (an approximate or unknown unit name, a date
 *   without a year, a deadline that is not a date);
 * - MISSING: the text gives nothing for a field a task needs (no unit named, no deadline);
 * - NONE: nothing to check (no coordinating unit named, a recurring task without a date).
 */
export type FieldConfidence = 'EXACT' | 'FUZZY' | 'MISSING' | 'NONE';
export type FieldCheck = { level: FieldConfidence; note: string };
export type TaskReview = { lead: FieldCheck; coordinators: FieldCheck; dueDate: FieldCheck };

export type ProposalTask = ImportDraftTask & {
  key: string;
  refs: ProposalRef[];
  deadlineText: string | null;
  /** What the deadline in the text is (lib/domain/directive/types.ts); null for a task added by hand. */
  deadlineKind: 'DATE' | 'NO_YEAR' | 'INVALID' | 'RECURRING' | 'EVENT' | 'NONE' | null;
  /** The parser's confidence per field; null for a task added or split by hand. */
  review: TaskReview | null;
};
export type ProposalSection = Omit<z.input<typeof ImportSectionInput>, 'tasks'> & {
  key: string;
  tasks: ProposalTask[];
};
export type Proposal = {
  programme: ImportDraft['programme'];
  sourceText: string;
  sections: ProposalSection[];
  warnings: string[];
};

/** zod issue paths ("sections.0.tasks.3.dueDate") → messages: the grid shows each next to its cell. */
export function issuesByPath(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
