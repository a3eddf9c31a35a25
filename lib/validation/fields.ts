/**
 * The one input boundary: the building blocks every schema in lib/validation/ is made of, shared
 * by the browser (hints) and the server (the check that counts). Whatever a form, a JSON body, a
 * route parameter or a query string sends, what comes out of these is safe to store:
 *
 * - text is well-formed, NFC (so "ế" typed on a Mac equals "ế" typed on Windows), without NUL or
 *   any other control character (PostgreSQL refuses U+0000 in text), without bidi overrides, and
 *   trimmed; text made only of spaces or invisible characters (zero-width spaces, BOM) is empty, so
 *   "required" refuses it; every text has a maximum length;
 * - numbers are decimal digits only: no hex (`0x32`), no exponent, no sign, no "" read as 0;
 * - ids are PostgreSQL `integer`s (1..2147483647), anything else names nothing;
 * - dates are dd/mm/yyyy (or yyyy-mm-dd from `<input type="date">`) within 2000–2100.
 *
 * Every refusal is a Vietnamese message meant to be shown next to its field.
 */
import { z } from 'zod';
import { vi } from 'zod/locales';
import { isIsoDate, parseVnDate, type IsoDate } from '../domain/time';

// A safety net: a check whose message we did not write still answers in Vietnamese. Zod's own
// Vietnamese locale names types in English and code ("mong đợi string, nhận được undefined"), so
// the refusals a form can meet without a message of its own (a field missing or of the wrong
// kind, a choice not on the list) get plain words first; the locale covers anything rarer.
// lib/validation/messages.test.ts walks every schema and fails on any other wording.
z.config(vi());
z.config({ customError: plainVietnamese });

function plainVietnamese(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Thiếu thông tin bắt buộc.';
      return issue.expected === 'object' || issue.expected === 'record' || issue.expected === 'array'
        ? 'Dữ liệu gửi lên không đúng dạng.'
        : 'Giá trị không đúng dạng.';
    case 'invalid_value':
    case 'invalid_union':
      return 'Giá trị không hợp lệ.';
    case 'unrecognized_keys':
      return 'Dữ liệu gửi lên có trường không được nhận.';
    default:
      return undefined;
  }
}
// Zod 4 probes `new Function('')` once to decide whether it may compile schemas; in the browser the
// Content-Security-Policy (no 'unsafe-eval', proxy.ts) refuses it and reports a violation. Only the
// administration forms load zod in the browser (officer pages import zod-free limit files), and every
// schema comes through this file, so saying it here keeps zod out of every other page's bundle.
z.config({ jitless: true });

/** The largest PostgreSQL `integer` (int4): every id column. */
export const INT4_MAX = 2_147_483_647;

/** Dates a user may give: anything outside is a typing mistake (or an attempt to never be late). */
export const DATE_WINDOW = {
  from: '2000-01-01' as IsoDate,
  to: '2100-12-31' as IsoDate,
  label: '01/01/2000 đến 31/12/2100',
};

const vn = (n: number) => n.toLocaleString('vi-VN');

// ───────────────────────────── Text ─────────────────────────────

/** C0 controls, DEL and C1 controls: tab, CR and LF are handled separately. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides and isolates: text shown in another order than stored. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
/** Characters that show nothing: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen. */
const INVISIBLE = '\\u200B-\\u200D\\u2060\\uFEFF\\u00AD';
const BLANK = new RegExp(`^[\\s${INVISIBLE}]*$`);
const EDGES = new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'g');

/**
 * Text as it may be stored. Multi-line text keeps its line breaks (as \n) and tabs; one-line text
 * turns any run of white space, tabs and line breaks into one space. Blank text becomes ''.
 */
export function cleanText(value: string, { multiline = false }: { multiline?: boolean } = {}): string {
  // toWellFormed replaces lone surrogates, which cannot be encoded as UTF-8.
  let v = (typeof value.toWellFormed === 'function' ? value.toWellFormed() : value).normalize('NFC');
  // Line breaks of every kind (CR LF, CR, form feed, vertical tab, NEL, U+2028/9) are one \n.
  v = v.replace(/\r\n?|[\f\v\u0085\u2028\u2029]/g, '\n');
  v = v.replace(CONTROLS, '').replace(BIDI, '');
  if (!multiline) v = v.replace(/\s+/g, ' ');
  if (BLANK.test(v)) return '';
  return v.replace(EDGES, '');
}

type TextOptions = { multiline?: boolean; min?: number; minMessage?: string; requiredMessage?: string };

function lengthRule(label: string, max: number, { min = 0, minMessage }: TextOptions) {
  return z
    .string()
    .max(max, { error: (issue) => `${label} tối đa ${vn(max)} ký tự (đang có ${vn(String(issue.input).length)}).` })
    .refine((v) => v.length === 0 || v.length >= min, {
      error: minMessage ?? `${label} cần ít nhất ${vn(min)} ký tự.`,
    });
}

/** Text that must be given: '' or blank is refused with "Nhập …". */
export function requiredText(label: string, max: number, options: TextOptions = {}) {
  const missing = options.requiredMessage ?? `Nhập ${label.toLowerCase()}.`;
  return z
    .string({ error: missing })
    .transform((v) => cleanText(v, options))
    .pipe(lengthRule(label, max, options).refine((v) => v.length > 0, { error: missing }));
}

/** Text that may be left empty: absent, '' or blank is null. */
export function optionalText(label: string, max: number, options: TextOptions = {}) {
  return z
    .string({ error: `${label} không hợp lệ.` })
    .nullish()
    .transform((v) => cleanText(v ?? '', options))
    .pipe(lengthRule(label, max, options))
    .transform((v) => (v === '' ? null : v));
}

/** Optional text kept as '' rather than null (a comment that may be empty). */
export function commentText(label: string, max: number, options: TextOptions = {}) {
  return optionalText(label, max, { multiline: true, ...options }).transform((v) => v ?? '');
}

/** A query-string search term: cleaned and cut, never refused (a bad link shows the unfiltered page). */
export function searchTerm(value: unknown, max = 100): string {
  return typeof value === 'string' ? Array.from(cleanText(value)).slice(0, max).join('').trim() : '';
}

// ───────────────────────────── Numbers and ids ─────────────────────────────

const ID_RE = /^[1-9][0-9]{0,9}$/;

/**
 * A route parameter or form value naming a row: a plain positive int4, else null. A number (from
 * server code, never from a form) must be a whole number in the same range.
 */
export function parseIdText(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= INT4_MAX ? value : null;
  if (typeof value !== 'string' || !ID_RE.test(value)) return null;
  const n = Number(value);
  return n <= INT4_MAX ? n : null;
}

/** A required id (hidden fields, selects): 1..2147483647 written plainly. */
export function id(label = 'Mã') {
  return z.union([z.string(), z.number()], { error: `${label} không hợp lệ.` }).transform((v, ctx): number => {
    const n = parseIdText(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: `${label} không hợp lệ.` });
      return z.NEVER;
    }
    return n;
  });
}

/** An id that may be left empty ('' or absent is null). */
export function optionalId(label = 'Mã') {
  return z
    .string({ error: `${label} không hợp lệ.` })
    .optional()
    .transform((v, ctx): number | null => {
      if (v === undefined || v === '') return null;
      const n = parseIdText(v);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: `${label} không hợp lệ.` });
        return z.NEVER;
      }
      return n;
    });
}

/**
 * A whole number typed or sent as text: decimal digits only (spaces around are forgiven), so
 * "0x32", "5e1", "50.0", "-1", "+5" and "" are refused rather than read as something else.
 */
export function integer(
  label: string,
  { min, max, message, tooLarge }: { min: number; max: number; message?: string; tooLarge?: string },
) {
  const wrong = message ?? `${label} phải là số nguyên từ ${vn(min)} đến ${vn(max)}.`;
  return z.string({ error: `Nhập ${label.toLowerCase()}.` }).transform((raw, ctx): number => {
    const v = raw.trim();
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: `Nhập ${label.toLowerCase()}.` });
      return z.NEVER;
    }
    if (!/^[0-9]{1,10}$/.test(v) || Number(v) < min || Number(v) > max) {
      const large = /^[0-9]+$/.test(v) && Number(v) > max;
      ctx.addIssue({ code: 'custom', message: large && tooLarge ? tooLarge : wrong });
      return z.NEVER;
    }
    return Number(v);
  });
}

/** Progress of a report: 0–100 %, a whole number. */
export const progress = integer('Tiến độ', {
  min: 0,
  max: 100,
  message: 'Tiến độ phải là số nguyên từ 0 đến 100.',
  tooLarge: 'Tiến độ không được vượt quá 100%.',
});

/**
 * An optional decimal number typed as text (an indicator's value): digits with at most one decimal
 * separator — the Vietnamese comma or a point — and at most 4 decimals; no sign, exponent or
 * thousands separators. Absent or blank is null.
 */
export function optionalDecimal(label: string, { max }: { max: number }) {
  return z
    .string({ error: `${label} không hợp lệ.` })
    .nullish()
    .transform((raw, ctx): number | null => {
      const v = (raw ?? '').trim();
      if (v === '') return null;
      if (!/^[0-9]{1,12}([.,][0-9]{1,4})?$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${label} phải là một số, ví dụ 82,5 (tối đa 4 chữ số thập phân).` });
        return z.NEVER;
      }
      const n = Number(v.replace(',', '.'));
      if (n > max) {
        ctx.addIssue({ code: 'custom', message: `${label} không được lớn hơn ${vn(max)}.` });
        return z.NEVER;
      }
      return n;
    });
}

/** The version a form was loaded at (0 = nothing saved yet). */
export function version(min = 0) {
  return integer('Phiên bản', { min, max: INT4_MAX, message: 'Phiên bản không hợp lệ: tải lại trang rồi thử lại.' });
}

// ───────────────────────────── Dates ─────────────────────────────

/** '' → null; dd/mm/yyyy or yyyy-mm-dd → the ISO date; anything else (or outside 2000–2100) → undefined. */
export function toIsoDate(value: string): IsoDate | null | undefined {
  // Strict, like numbers: a control character inside a date is refused, not silently dropped.
  const v = value.trim();
  if (v === '') return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? (isIsoDate(v) ? (v as IsoDate) : null) : parseVnDate(v);
  if (!iso) return undefined;
  return iso >= DATE_WINDOW.from && iso <= DATE_WINDOW.to ? iso : undefined;
}

/** A date field. Refusals say what to type and the window allowed. */
export function vnDate(label: string, { required = false }: { required?: boolean } = {}) {
  return z
    .string({ error: `${label}: ngày không hợp lệ, nhập theo dạng dd/mm/yyyy.` })
    .nullish()
    .transform((raw, ctx): IsoDate | null => {
      const iso = toIsoDate(raw ?? '');
      if (iso === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${label}: ngày không hợp lệ, nhập theo dạng dd/mm/yyyy, từ ${DATE_WINDOW.label}.`,
        });
        return z.NEVER;
      }
      if (iso === null && required) {
        ctx.addIssue({ code: 'custom', message: `Nhập ${label.toLowerCase()} (dd/mm/yyyy).` });
        return z.NEVER;
      }
      return iso;
    });
}

/** A required date (for schemas whose output type must not include null). */
export function requiredVnDate(label: string) {
  return vnDate(label, { required: true }).transform((v) => v as IsoDate);
}

// ───────────────────────────── Choices ─────────────────────────────

/** One of a fixed list of values (a select, radio or button `intent`). */
export function choice<const T extends readonly string[]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** A checkbox: present ("on") when ticked. */
export const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')], {
    error: 'Giá trị ô đánh dấu không hợp lệ.',
  })
  .optional()
  .transform((v) => v === 'on' || v === 'true');

/** A reporting period key as the forms send it: ONCE, CONTINUOUS, 2026, 2026-11, 2026-Q3, 2026-H1. */
export const periodKey = z
  .string({ error: 'Chọn kỳ báo cáo.' })
  .min(1, { error: 'Chọn kỳ báo cáo.' })
  .regex(/^(ONCE|CONTINUOUS|\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?)$/, { error: 'Kỳ báo cáo không hợp lệ.' });

// ───────────────────────────── Last line of defence ─────────────────────────────

/** The first string (at any depth) that PostgreSQL would refuse as text: it holds U+0000. */
export function findNul(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? value : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (ArrayBuffer.isView(value) || value instanceof Date || value instanceof ArrayBuffer) return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = findNul(item, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
