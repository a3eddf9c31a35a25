/**
 * Deadlines and recurrences written in Vietnamese directives.
 *
 * Everything is matched on the folded copy of the text (no diacritics, lower case, same length as
 * the original) so "Quý", "quý", "QUÝ" and "quy" are one pattern, and the matched words are then
 * sliced from the original for display.
 *
 * Deadline rules (the date returned is the last calendar day the task may be completed):
 * - A full date: "trước 15/9/2021", "trước ngày 31/12/2021", "chậm nhất ngày 15 tháng 9 năm 2021".
 *   "trước <date>" is inclusive (DOMAIN.md: a deadline "trước 15/9/2021" ends at the end of that day).
 * - A period means its last day: "trong tháng 10/2021" → 2021-10-31, "trong Quý III/2021" →
 *   2021-09-30, "6 tháng đầu năm 2022" → 2022-06-30, "trong năm 2022" → 2022-12-31.
 *   "trước <period>" means before the period starts: "trước tháng 10/2021" → 2021-09-30,
 *   "trước năm 2025" → 2024-12-31.
 * - In running text a date counts only after a deadline cue (hoàn thành, trước, trong, chậm nhất,
 *   thời gian, thời hạn, hạn chót, kết thúc, đến hết…): "Nghị quyết số 76/NQ-CP ngày 15/7/2021" is
 *   a reference, and "giai đoạn 2021-2030" / "đến năm 2025" are targets, not deadlines. In a table's
 *   "Thời gian hoàn thành" column no cue is needed.
 * - A cued date without a year ("trước ngày 30/9", "trong tháng 9", "ngày 20 hằng tháng") is
 *   reported with date null and problem NO_YEAR; the reviewer fills the year in.
 */
import { foldSameLength } from './normalize';
import type { Recurrence } from './types';

export type DeadlineProblem = 'NO_YEAR' | 'INVALID';

export type DeadlineMatch = {
  /** 'YYYY-MM-DD' or null when the phrase has no year or an impossible date. */
  date: string | null;
  /** The words in the original text: "hoàn thành trước 15/9/2021". */
  text: string;
  index: number;
  problem: DeadlineProblem | null;
};

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const CUE = String.raw`(?:hoan\s*thanh(?:\s*xong)?|xong|cham\s*nhat(?:\s*la)?|muon\s*nhat(?:\s*la)?|truoc|trong|thoi\s*han|han\s*chot|han\s*(?=:)|thoi\s*gian(?:\s*hoan\s*thanh|\s*thuc\s*hien)?|ket\s*thuc(?:\s*truoc)?|den\s*het|den\s*ngay)`;
/** Up to three cue words in a row ("hoàn thành trước"), then an optional "ngày". */
const CUED = String.raw`(?<![a-z0-9])((?:${CUE}\s*:?\s*){1,3})(?:ngay\s*)?`;
const OPTIONAL_CUE = String.raw`(?:${CUED})?(?:ngay\s*)?`;
const SEP_YEAR = String.raw`\s*(?:[/.-]|,?\s*nam)\s*`;

type Form = {
  /** Body of the pattern after the cue; the cue is captured as group 1. */
  body: string;
  /** Group values after the cue group → date, or null for "no year". */
  toDate(groups: string[], before: boolean): string | null | 'INVALID';
  yearless?: boolean;
};

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | 'INVALID' {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return 'INVALID';
  if (!Number.isInteger(month) || month < 1 || month > 12) return 'INVALID';
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(year, month)) return 'INVALID';
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Last day of month m of year y, or of the month before when the cue was "trước". */
function endOfMonth(year: number, month: number, before: boolean): string | 'INVALID' {
  if (month < 1 || month > 12) return 'INVALID';
  const m = before ? (month === 1 ? 12 : month - 1) : month;
  const y = before && month === 1 ? year - 1 : year;
  return isoDate(y, m, lastDayOfMonth(y, m));
}

const ROMAN_QUARTER: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

export function quarterNumber(token: string): number | null {
  return ROMAN_QUARTER[token] ?? (/^[1-4]$/.test(token) ? Number(token) : null);
}

/** Last day of quarter q of year y (2021, 3 → 2021-09-30). */
export function endOfQuarter(year: number, quarter: number): string | 'INVALID' {
  return endOfMonth(year, quarter * 3, false);
}

const FORMS: readonly Form[] = [
  {
    // 15/9/2021, 15-09-2021, 15.9.2021
    body: String.raw`(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)`,
    toDate: ([d, m, y]) => isoDate(Number(y), Number(m), Number(d)),
  },
  {
    // 15 tháng 9 năm 2021
    body: String.raw`(\d{1,2})\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})(?!\d)`,
    toDate: ([d, m, y]) => isoDate(Number(y), Number(m), Number(d)),
  },
  {
    // 6 tháng đầu năm 2022 / 6 tháng cuối năm 2022
    body: String.raw`(?:0?6|sau)\s*thang\s*(dau|cuoi)\s*nam\s*(\d{4})(?!\d)`,
    toDate: ([half, y]) => endOfMonth(Number(y), half === 'dau' ? 6 : 12, false),
  },
  {
    // tháng 10/2021, tháng 10 năm 2021
    body: String.raw`thang\s*(\d{1,2})${SEP_YEAR}(\d{4})(?!\d)`,
    toDate: ([m, y], before) => endOfMonth(Number(y), Number(m), before),
  },
  {
    // Quý III/2021, quý 3 năm 2021, "Quí IV-2025" (older spelling, dash)
    body: String.raw`qu[yi]\s*(iv|iii|ii|i|[1-4])${SEP_YEAR}(\d{4})(?!\d)`,
    toDate: ([q, y], before) => {
      const quarter = quarterNumber(q ?? '') ?? 0;
      return before ? endOfMonth(Number(y), quarter * 3 - 2, true) : endOfQuarter(Number(y), quarter);
    },
  },
  {
    // năm 2022 — but not "năm 2021 - 2025" (a span)
    body: String.raw`nam\s*(\d{4})(?!\d)(?!\s*-\s*\d{4})`,
    toDate: ([y], before) => isoDate(Number(y) - (before ? 1 : 0), 12, 31),
  },
  {
    // "(2025 - 2030)", "giai đoạn 2026 – 2030" in a time cell: the span ends with its last year.
    // In running text this needs a cue ("hoàn thành trong 2026 - 2030"); "giai đoạn" alone is a target.
    body: String.raw`(?<!\d)((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})(?!\d)`,
    toDate: ([from, to]) => (Number(to) >= Number(from) ? isoDate(Number(to), 12, 31) : 'INVALID'),
  },
  // Yearless forms, accepted only after a cue: reported as NO_YEAR.
  { body: String.raw`(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/.-]?\s*\d)`, toDate: () => null, yearless: true },
  {
    body: String.raw`(\d{1,2})\s*(?:thang\s*(\d{1,2})(?!\d)(?!\s*,?\s*nam\s*\d)(?!\s*[/.-]\s*\d)|(?:hang|moi)\s*(?:thang|quy|nam))`,
    toDate: () => null,
    yearless: true,
  },
  {
    body: String.raw`(?:thang\s*(\d{1,2})|qu[yi]\s*(iv|iii|ii|i|[1-4]))(?![a-z0-9])(?!\s*(?:[/.-]|,?\s*nam)\s*\d)`,
    toDate: () => null,
    yearless: true,
  },
];

/** Cue runs ("hoàn thành trước ngày "): a date phrase in running text must start right after one. */
const CUE_RUN = new RegExp(CUED, 'g');
/** Form bodies anchored at a position (sticky), tried right after each cue run. */
const STICKY_FORMS = FORMS.map((form) => ({ form, re: new RegExp(form.body, 'y') }));
/** Table cells need no cue: every non-yearless form, anywhere in the (short) cell. */
const CELL_FORMS = FORMS.filter((f) => !f.yearless).map((form) => ({
  form,
  re: new RegExp(`${OPTIONAL_CUE}${form.body}`, 'g'),
}));

function toMatch(form: Form, cue: string, groups: string[], index: number, text: string): DeadlineMatch {
  // "trước tháng 10/2021" ends before October; "trước 15/9/2021" includes the day (see toDate).
  const before = /truoc\s*:?\s*$/.test(cue);
  const value = form.toDate(groups, before);
  if (value === 'INVALID') return { date: null, text, index, problem: 'INVALID' };
  if (value === null) return { date: null, text, index, problem: 'NO_YEAR' };
  return { date: value, text, index, problem: null };
}

/** Running text: find cue runs first, then try each form right after them (one pass, no rescans). */
function findCued(original: string, folded: string): DeadlineMatch[] {
  const found: DeadlineMatch[] = [];
  CUE_RUN.lastIndex = 0;
  for (let cue = CUE_RUN.exec(folded); cue !== null; cue = CUE_RUN.exec(folded)) {
    const at = cue.index + cue[0].length;
    for (const { form, re } of STICKY_FORMS) {
      re.lastIndex = at;
      const m = re.exec(folded);
      if (!m) continue;
      const end = at + m[0].length;
      found.push(
        toMatch(
          form,
          cue[1] ?? '',
          m.slice(1).map((g) => g ?? ''),
          cue.index,
          original.slice(cue.index, end).trim(),
        ),
      );
    }
    if (cue[0].length === 0) CUE_RUN.lastIndex += 1;
  }
  return found;
}

function findInCell(original: string, folded: string): DeadlineMatch[] {
  const found: DeadlineMatch[] = [];
  for (const { form, re } of CELL_FORMS) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const text = original.slice(m.index, m.index + m[0].length).trim();
      found.push(
        toMatch(
          form,
          m[1] ?? '',
          m.slice(2).map((g) => g ?? ''),
          m.index,
          text,
        ),
      );
      if (m[0].length === 0) re.lastIndex += 1;
    }
  }
  // A bare year in a table cell ("2022").
  if (/^\s*\d{4}\s*$/.test(original)) {
    const date = isoDate(Number(original.trim()), 12, 31);
    const text = original.trim();
    found.push(
      date === 'INVALID' ? { date: null, text, index: 0, problem: 'INVALID' } : { date, text, index: 0, problem: null },
    );
  }
  return found;
}

/** Every deadline phrase in the text, in order of position. */
export function findDeadlines(text: string, options: { cueRequired?: boolean } = {}): DeadlineMatch[] {
  const original = text.normalize('NFC');
  const folded = foldSameLength(original);
  const found = options.cueRequired === false ? findInCell(original, folded) : findCued(original, folded);
  return dropOverlaps(found.sort((a, b) => a.index - b.index || b.text.length - a.text.length));
}

/** When two forms matched the same words (a full date and its yearless tail), keep the first. */
function dropOverlaps(sorted: DeadlineMatch[]): DeadlineMatch[] {
  const out: DeadlineMatch[] = [];
  let end = -1;
  for (const m of sorted) {
    if (m.index < end) continue;
    out.push(m);
    end = m.index + m.text.length;
  }
  return out;
}

/**
 * The deadline of a task: the first phrase with a valid date; when there is none, the first
 * yearless or invalid phrase (date null) so the reviewer is told about it; null when none at all.
 * The first dated phrase wins because directives put the completion date first and the reporting
 * date after it ("hoàn thành trước 30/9/2021, báo cáo kết quả trước 15/10/2021").
 */
export function extractDeadline(text: string, options: { cueRequired?: boolean } = {}): DeadlineMatch | null {
  const all = findDeadlines(text, options);
  return all.find((m) => m.date !== null) ?? all[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Recurrence

export type RecurrenceMatch = {
  recurrence: Exclude<Recurrence, 'ONCE'>;
  text: string;
  index: number;
  /** True for "định kỳ" without a period: QUARTERLY is our assumption, the reviewer confirms. */
  assumed: boolean;
};

const NOT_QUARTER = String.raw`(?!\s*(?:dinh|che|trinh|hoach|mo|chuan|tac|uoc|dong|tu|hoach)(?![a-z]))`;

/**
 * Recurrence cues. "định kỳ" alone → QUARTERLY (assumed): the periodic administrative-reform
 * report of a city is quarterly, so that is the most likely meaning; the parser warns so a human
 * confirms. "hàng ngày"/"hàng tuần" have no value of their own in Recurrence and are more frequent
 * than any reporting period, so they count as CONTINUOUS.
 */
/** Patterns (sources only: they are combined into RECURRENCE_RE). */
const RECURRENCE_PATTERNS: readonly { re: RegExp; value: Exclude<Recurrence, 'ONCE'>; assumed?: boolean }[] = [
  {
    re: /(?<![a-z])(?:dinh\s*ky\s*)?(?:hang|moi)\s*thang(?![a-z])|(?<![a-z])dinh\s*ky\s*thang(?![a-z])/g,
    value: 'MONTHLY',
  },
  {
    re: new RegExp(
      String.raw`(?<![a-z])(?:dinh\s*ky\s*)?(?:hang|moi)\s*quy(?![a-z])${NOT_QUARTER}|(?<![a-z])dinh\s*ky\s*quy(?![a-z])${NOT_QUARTER}`,
      'g',
    ),
    value: 'QUARTERLY',
  },
  {
    re: /(?<![a-z])(?:dinh\s*ky\s*)?(?:hang|moi)\s*nam(?![a-z])|(?<![a-z])thuong\s*nien(?![a-z])|(?<![a-z])dinh\s*ky\s*nam(?![a-z])/g,
    value: 'YEARLY',
  },
  {
    re: /(?<!(?<![a-z])(?:trong|sau|khoang|toi\s*da|duoi|tren|vong|it\s*nhat|hon)\s*)(?<![a-z0-9])(?:(?:dinh\s*ky|hang|moi)\s*)?(?:0?6|sau)\s*thang(?![a-z])(?!\s*(?:dau|cuoi)\s*nam\s*\d)(?!\s*(?:ke\s*tu|tiep\s*theo|toi))|(?<![a-z])nua\s*nam(?![a-z])/g,
    value: 'HALF_YEARLY',
  },
  {
    re: /(?<![a-z])(?:thuong\s*xuyen|lien\s*tuc|khong\s*thoi\s*han|(?:hang|moi)\s*(?:ngay|tuan))(?![a-z])/g,
    value: 'CONTINUOUS',
  },
  {
    re: /(?<![a-z])dinh\s*ky(?![a-z])(?!\s*(?:hang|moi|0?6|sau|nam|thang|quy)(?![a-z]))/g,
    value: 'QUARTERLY',
    assumed: true,
  },
];

/**
 * A cue opens a sentence when nothing but a sentence boundary precedes it, or when it is written
 * with a capital letter mid-line (pasted text often loses the full stop: "toàn xã Thường xuyên").
 */
function opensSentence(original: string, index: number): boolean {
  const first = original[index] ?? '';
  if (first !== first.toLowerCase()) return true;
  const before = original.slice(Math.max(0, index - 4), index).trimEnd();
  return before === '' || /[.;:!?\n)•+-]$/.test(before);
}

/**
 * Cue words that describe something else than the task's cycle: budget terms ("chi thường
 * xuyên", "dự toán kinh phí hằng năm", "ngân sách hằng năm"), ages ("từ 06 tháng đến 36 tháng
 * tuổi"), and "định kỳ hay đột xuất" (either, so no cycle).
 */
function notACycle(folded: string, index: number, length: number): boolean {
  const before = folded.slice(Math.max(0, index - 40), index);
  const after = folded.slice(index + length, index + length + 24);
  if (/(?:^|\s)(?:chi|ngan sach|du toan|von|nguon)(?:\s+[a-z]+){0,3}\s*$/.test(before)) return true;
  // "kế hoạch đầu tư công trung hạn, hằng năm từ nguồn vốn ngân sách": a kind of budget plan.
  if (/(?:dau tu cong|trung han)\s*(?:,|va)?\s*$/.test(before)) return true;
  if (/^\s*(?:tu|cua|bang)\s+(?:cac\s+)?(?:nguon\s+)?(?:von|ngan sach|kinh phi)(?![a-z])/.test(after)) return true;
  if (/^\s*(?:den|tuoi)(?![a-z])/.test(after) || /(?:^|\s)tu\s*$/.test(before)) return true;
  return /^\s*(?:hay|hoac)\s+dot\s+xuat/.test(after);
}

/** All recurrence patterns in one regex (one capture group each), so a task is scanned once. */
const RECURRENCE_RE = new RegExp(RECURRENCE_PATTERNS.map((p) => `(${p.re.source})`).join('|'), 'g');

/**
 * The recurrence a human reads in a task: a cue that opens a sentence ("Hàng năm, tăng cường…",
 * "Thường xuyên quán triệt…") describes the whole duty and beats a cue inside a phrase
 * ("họp giao ban định kỳ hàng tháng" describes the meetings); otherwise the first cue wins.
 */
export function extractRecurrence(text: string): RecurrenceMatch | null {
  const original = text.normalize('NFC');
  const folded = foldSameLength(original);
  let first: (RecurrenceMatch & { opens: boolean }) | null = null;
  RECURRENCE_RE.lastIndex = 0;
  for (let m = RECURRENCE_RE.exec(folded); m !== null; m = RECURRENCE_RE.exec(folded)) {
    if (m[0].length === 0) {
      RECURRENCE_RE.lastIndex += 1;
      continue;
    }
    const which = RECURRENCE_PATTERNS[m.slice(1).findIndex((g) => g !== undefined)];
    if (!which || notACycle(folded, m.index, m[0].length)) continue;
    const found = {
      recurrence: which.value,
      text: original.slice(m.index, m.index + m[0].length),
      index: m.index,
      assumed: which.assumed === true,
      opens: opensSentence(original, m.index),
    };
    // Matches come in text order: keep the first, unless a later one opens a sentence and it did not.
    if (!first || (found.opens && !first.opens)) first = found;
    if (first.opens) break;
  }
  if (!first) return null;
  return { recurrence: first.recurrence, text: first.text, index: first.index, assumed: first.assumed };
}
