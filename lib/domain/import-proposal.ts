/**
 * The parser's result (lib/domain/directive) → the proposal the review grid edits. Pure.
 *
 * What the grid needs beyond the parser: unit codes the reviewer can change in a select, the
 * partner groups ("phối hợp với các phòng, ban, ngành …") as a coordinating fan-out, the deadline
 * as dd/mm/yyyy text, the source-document fields guessed from the preamble, and — for text with no
 * numbering at all — one task holding the whole text, for the reviewer to split.
 */
import { classifyGroup } from './directive/addressees';
import { normalizeDirectiveText } from './directive/normalize';
import type { DeadlineKind, ParsedDirective, ParsedTask, ParsedUnitRef } from './directive/parse-directive';
import { fitTitle, firstSentence } from './directive/text-utils';
import { FAN_OUT_GROUP_LABELS, type FanOutGroup } from './fan-out';
import { formatDateVn, parseVnDate } from './time';
import type {
  FieldCheck,
  Proposal,
  ProposalRef,
  ProposalSection,
  ProposalTask,
  TaskReview,
} from '../validation/programme';
import { PROGRAMME_LIMITS } from '../validation/programme-limits';

export type RegistryUnit = { code: string; name: string };

/** A title for an implicit section (flat lists of tasks have none). */
export const DEFAULT_SECTION_TITLE = 'Nhiệm vụ, giải pháp';

function combine(groups: (FanOutGroup | null)[]): FanOutGroup | null {
  const set = new Set(groups.filter((g): g is FanOutGroup => g !== null));
  if (set.size === 0) return null;
  if (set.size === 1) return [...set][0] ?? null;
  return 'ALL';
}

function toRef(ref: ParsedUnitRef, role: ProposalRef['role'], names: ReadonlyMap<string, string>): ProposalRef {
  const group = ref.unitCode === null && ref.confidence === 0 ? (classifyGroup(ref.text)?.collective ?? null) : null;
  return {
    role,
    text: ref.text,
    unitCode: ref.unitCode && names.has(ref.unitCode) ? ref.unitCode : null,
    unitName: ref.unitCode ? (names.get(ref.unitCode) ?? null) : null,
    confidence: ref.confidence,
    group,
  };
}

/** A unit name matched with less confidence than this is shown as approximate (as the parser warns). */
const SURE = 0.85;

function refCheck(r: ProposalRef): FieldCheck {
  if (r.group) return { level: 'EXACT', note: `Cả nhóm: ${FAN_OUT_GROUP_LABELS[r.group]}` };
  if (!r.unitCode) return { level: 'FUZZY', note: `«${r.text}» không có trong danh mục đơn vị: chọn đơn vị` };
  if (r.confidence < SURE)
    return {
      level: 'FUZZY',
      note: `«${r.text}» khớp gần đúng với ${r.unitName ?? r.unitCode} (${Math.round(r.confidence * 100)}%)`,
    };
  return { level: 'EXACT', note: `Khớp «${r.text}»` };
}

const DEADLINE_NOTES: Record<Exclude<DeadlineKind, 'DATE' | 'NONE'>, string> = {
  NO_YEAR: 'không ghi năm: nhập ngày cụ thể',
  INVALID: 'không phải ngày hợp lệ: nhập lại',
  RECURRING: 'không phải một ngày mà là việc lặp lại: để trống hạn hoặc nhập ngày',
  EVENT: 'không phải một ngày mà tính từ một sự kiện: để trống hạn hoặc nhập ngày',
};

/** The parser's confidence per field, for the grid to show beside each field (see FieldConfidence). */
export function reviewOf(t: ParsedTask, refs: readonly ProposalRef[]): TaskReview {
  const leadRef = refs.find((r) => r.role === 'LEAD');
  const coLeads = refs.filter((r) => r.coLead);
  const lead: FieldCheck = leadRef
    ? coLeads.length > 0
      ? {
          level: 'FUZZY',
          note: `Văn bản nêu ${coLeads.length + 1} đơn vị chủ trì: «${leadRef.text}» được đề xuất chủ trì, ${coLeads.map((r) => `«${r.text}»`).join(', ')} được đề xuất phối hợp; kiểm tra lại`,
        }
      : refCheck(leadRef)
    : t.addresseeAssumed
      ? { level: 'MISSING', note: 'Văn bản không nêu đơn vị thực hiện: tạm giao cho tất cả đơn vị' }
      : t.collective && t.groupFromHeading
        ? {
            level: 'FUZZY',
            note: `Nhóm chủ trì lấy từ tiêu đề «${t.groupFromHeading}»: giao cả nhóm ${FAN_OUT_GROUP_LABELS[t.collective]}; kiểm tra lại hoặc chọn một đơn vị`,
          }
        : t.collective
          ? { level: 'EXACT', note: `Cả nhóm: ${FAN_OUT_GROUP_LABELS[t.collective]}` }
          : { level: 'MISSING', note: 'Không tìm thấy đơn vị chủ trì' };
  const partners = refs.filter((r) => r.role === 'COORDINATING' && !r.coLead).map(refCheck);
  const unsure = partners.filter((c) => c.level !== 'EXACT');
  const coordinators: FieldCheck =
    partners.length === 0
      ? { level: 'NONE', note: 'Văn bản không nêu đơn vị phối hợp' }
      : unsure.length > 0
        ? { level: 'FUZZY', note: unsure.map((c) => c.note).join('; ') }
        : { level: 'EXACT', note: partners.map((c) => c.note).join('; ') };
  const kind = t.deadlineKind;
  const dueDate: FieldCheck =
    kind === 'DATE'
      ? { level: 'EXACT', note: 'ngày ghi đủ ngày, tháng, năm trong văn bản' }
      : kind === 'NONE'
        ? t.recurrence === 'ONCE'
          ? { level: 'MISSING', note: 'Văn bản không ghi thời hạn' }
          : { level: 'NONE', note: 'Nhiệm vụ định kỳ: không có hạn chung' }
        : { level: 'FUZZY', note: `«${t.deadlineText ?? ''}» ${DEADLINE_NOTES[kind]}` };
  return { lead, coordinators, dueDate };
}

const OCR_NOTE = 'Đọc từ bản scan (OCR): đối chiếu với bản gốc';

/**
 * A task read from a scanned page: the words came from OCR, so even a field the parser read
 * exactly is "cần kiểm tra" (FUZZY), and "no coordinating unit" may be a unit OCR missed.
 */
export function reviewFromScan(review: TaskReview): TaskReview {
  const check = (c: FieldCheck): FieldCheck =>
    c.level === 'EXACT' || c.level === 'NONE'
      ? { level: 'FUZZY', note: c.note ? `${OCR_NOTE} — ${c.note}` : OCR_NOTE }
      : { level: c.level, note: `${c.note}; ${OCR_NOTE.toLowerCase()}` };
  return { lead: check(review.lead), coordinators: check(review.coordinators), dueDate: check(review.dueDate) };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max);
}

function toTask(t: ParsedTask, key: string, names: ReadonlyMap<string, string>): ProposalTask {
  const refs: ProposalRef[] = [];
  if (t.lead) refs.push(toRef(t.lead, 'LEAD', names));
  for (const c of t.coLeads) refs.push({ ...toRef(c, 'COORDINATING', names), coLead: true });
  for (const c of t.coordinators) refs.push(toRef(c, 'COORDINATING', names));
  const lead = refs.find((r) => r.role === 'LEAD')?.unitCode ?? null;
  const coordinators = [
    ...new Set(
      refs
        .filter((r) => r.role === 'COORDINATING' && r.unitCode && r.unitCode !== lead)
        .map((r) => r.unitCode as string),
    ),
  ];
  return {
    key,
    number: clip(t.number, PROGRAMME_LIMITS.taskNumber),
    title: clip(t.title, PROGRAMME_LIMITS.taskTitle),
    text: clip(t.text, PROGRAMME_LIMITS.taskText),
    reformArea: '',
    dueDate: t.deadline ? formatDateVn(t.deadline) : '',
    recurrence: t.recurrence,
    evidenceRequired: true,
    lead,
    coordinators,
    coordinatingGroup: combine(refs.filter((r) => r.role === 'COORDINATING').map((r) => r.group)),
    collective: t.collective,
    refs,
    deadlineText: t.deadlineText,
    deadlineKind: t.deadlineKind,
    review: reviewOf(t, refs),
  };
}

const DOC_TYPES = /^(KẾ HOẠCH|CHỈ THỊ|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|THÔNG BÁO|CÔNG VĂN|NGHỊ QUYẾT|ĐỀ ÁN)$/;

/** Source-document fields a reader finds at the top of a directive. */
export function guessDocumentFields(preamble: string): { title: string; documentNumber: string; issuedOn: string } {
  const lines = preamble
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 40);
  const number = lines.map((l) => /^Số\s*:?\s*([0-9][^\s,;]*\/[^\s,;]+)/i.exec(l)?.[1]).find(Boolean) ?? '';
  let issuedOn = '';
  for (const l of lines) {
    const m = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(l);
    // Only the dateline ("Hà Tĩnh, ngày 20 tháng 8 năm 2021"), not a date cited in the text.
    if (m && l.length < 80) {
      const iso = parseVnDate(`${m[1]}/${m[2]}/${m[3]}`);
      if (iso) {
        issuedOn = formatDateVn(iso);
        break;
      }
    }
  }
  let title = '';
  const typeAt = lines.findIndex((l) => DOC_TYPES.test(l.normalize('NFC')));
  const typeLine = typeAt >= 0 ? lines[typeAt] : undefined;
  if (typeLine) {
    const subject = lines[typeAt + 1] ?? '';
    const type = typeLine.charAt(0) + typeLine.slice(1).toLowerCase();
    title = subject ? `${type} ${subject.charAt(0).toLowerCase()}${subject.slice(1)}` : type;
  } else {
    const vv = lines.find((l) => /^V\/v\b/i.test(l));
    if (vv) title = vv.replace(/^V\/v\s*:?\s*/i, '');
    else if (lines[0]) title = fitTitle(firstSentence(lines[0]));
  }
  return {
    title: clip(title, PROGRAMME_LIMITS.title),
    documentNumber: clip(number, PROGRAMME_LIMITS.documentNumber),
    issuedOn,
  };
}

/**
 * Builds the review grid's proposal. `issuingBody` is the default issuing body (the city's
 * leadership unit); keys are stable ids for React, made from positions.
 */
export function toProposal(
  parsed: ParsedDirective,
  {
    sourceText,
    registry,
    issuingBody,
    ocrPages = [],
  }: {
    sourceText: string;
    registry: readonly RegistryUnit[];
    issuingBody: string;
    /** Pages of the uploaded PDF that were scans read by OCR: every task is then to be checked. */
    ocrPages?: readonly number[];
  },
): Proposal {
  const names = new Map(registry.map((u) => [u.code, u.name]));
  const sections: ProposalSection[] = parsed.sections.map((s, i) => ({
    key: `s${i}`,
    numeral: clip(s.numeral, PROGRAMME_LIMITS.sectionNumeral),
    title: clip(s.title || DEFAULT_SECTION_TITLE, PROGRAMME_LIMITS.sectionTitle),
    tasks: s.tasks.map((t, j) => toTask(t, `s${i}t${j}`, names)),
  }));
  const warnings = [...parsed.warnings];
  // No numbering at all: one task with the whole text, which the reviewer splits where tasks begin
  // (not when the parser found that the text assigns no task: a rule or a forecast).
  if (sections.length === 0 && !parsed.assignsNoTasks) {
    const text = normalizeDirectiveText(sourceText).trim();
    if (text !== '') {
      sections.push({
        key: 's0',
        numeral: '',
        title: DEFAULT_SECTION_TITLE,
        tasks: [
          {
            key: 's0t0',
            number: '1',
            title: clip(fitTitle(firstSentence(text)), PROGRAMME_LIMITS.taskTitle),
            text: clip(text, PROGRAMME_LIMITS.taskText),
            reformArea: '',
            dueDate: '',
            recurrence: 'ONCE',
            evidenceRequired: true,
            lead: null,
            coordinators: [],
            coordinatingGroup: null,
            collective: 'ALL',
            refs: [],
            deadlineText: null,
            deadlineKind: null,
            review: {
              lead: { level: 'MISSING', note: 'Chưa tách nhiệm vụ: chọn đơn vị sau khi tách' },
              coordinators: { level: 'NONE', note: '' },
              dueDate: { level: 'MISSING', note: 'Chưa tách nhiệm vụ' },
            },
          },
        ],
      });
      warnings.push(
        text.length > PROGRAMME_LIMITS.taskText
          ? `Toàn bộ văn bản được đặt vào một nhiệm vụ nhưng chỉ giữ ${PROGRAMME_LIMITS.taskText.toLocaleString('vi-VN')} ký tự đầu; hãy tách nhiệm vụ bằng nút «Tách» hoặc đánh số lại văn bản rồi phân tích lại.`
          : 'Toàn bộ văn bản được đặt vào một nhiệm vụ: đặt con trỏ tại chỗ bắt đầu nhiệm vụ tiếp theo rồi bấm «Tách».',
      );
    }
  }
  if (ocrPages.length > 0) {
    for (const section of sections)
      for (const task of section.tasks) if (task.review) task.review = reviewFromScan(task.review);
    warnings.unshift(
      `Trang ${ocrPages.join(', ')} của tệp PDF là bản scan: chữ được nhận dạng tự động (OCR) nên có thể sai dấu, sai số hoặc thiếu chữ. Mọi nhiệm vụ được đánh dấu «cần kiểm tra»: đối chiếu tên nhiệm vụ, đơn vị và thời hạn với bản gốc trước khi lưu.`,
    );
  }
  const doc = guessDocumentFields(parsed.preamble);
  return {
    programme: {
      title: doc.title,
      documentNumber: doc.documentNumber,
      issuingBody,
      issuedOn: doc.issuedOn,
      summary: clip(parsed.preamble.trim(), PROGRAMME_LIMITS.summary),
      periodStart: '',
      periodEnd: '',
    },
    sourceText,
    sections,
    warnings,
  };
}
