/**
 * Wording shared by the dashboard and the documents filed from it: the national headline, Vietnamese
 * percentages, the date line of Decree 30/2020/NĐ-CP, and file names. Pure.
 */
import type { StatusCounts } from '../data/dashboard-sql';
import { type IsoDate } from '../domain/time';

/** 0.3333 → "33,3%"; null (nothing to count) → "—". One decimal, as in official tables. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${String(Math.round(rate * 1000) / 10).replace('.', ',')}%`;
}

export function percentOf(n: number, total: number): string {
  return total === 0 ? '0%' : formatRate(n / total);
}

/** The four numbers of the headline's halves. "Trong hạn" counts started and not-yet-started work. */
export function headlineNumbers(counts: StatusCounts) {
  const done = counts.DONE_ON_TIME + counts.DONE_LATE;
  return {
    total: counts.total,
    done,
    doneOnTime: counts.DONE_ON_TIME,
    doneLate: counts.DONE_LATE,
    open: counts.total - done,
    openOnTime: counts.IN_PROGRESS_ON_TIME + counts.NOT_STARTED,
    openOverdue: counts.IN_PROGRESS_OVERDUE,
  };
}

/**
 * "Tổng số N nhiệm vụ; đã hoàn thành X (x%; đúng hạn a, quá hạn b); chưa hoàn thành Y (y%; trong hạn c,
 * quá hạn d)." — shared/DOMAIN.md, with the percentages of the whole.
 */
export function headlineSentence(counts: StatusCounts): string {
  const h = headlineNumbers(counts);
  return (
    `Tổng số ${h.total} nhiệm vụ; đã hoàn thành ${h.done} (${percentOf(h.done, h.total)}; đúng hạn ${h.doneOnTime}, quá hạn ${h.doneLate}); ` +
    `chưa hoàn thành ${h.open} (${percentOf(h.open, h.total)}; trong hạn ${h.openOnTime}, quá hạn ${h.openOverdue}).`
  );
}

/**
 * The date line of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): days below 10
 * and the months 1 and 2 are written with a leading zero — "Hà Tĩnh, ngày 05 tháng 02 năm 2026".
 */
export function decreeDateLine(place: string, date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "UBND thành phố Hà Tĩnh" → "Hà Tĩnh": the place name of the date line. */
export function placeOf(issuingBody: string, fallback = 'Hà Tĩnh'): string {
  const match = /(?:thành phố|tỉnh|thị xã|huyện|quận|phường|xã)\s+(.+)$/iu.exec(issuingBody.trim());
  return match?.[1]?.trim() || fallback;
}

/** "UBND thành phố Hà Tĩnh" → ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ TĨNH"]: the issuing body as printed. */
export function issuingBodyLines(issuingBody: string): string[] {
  const expanded = issuingBody.trim().replace(/^UBND\b/iu, 'Ủy ban nhân dân');
  const match = /^(Ủy ban nhân dân|Hội đồng nhân dân)\s+(.+)$/iu.exec(expanded);
  const upper = (s: string) => s.toLocaleUpperCase('vi');
  return match ? [upper(match[1]!), upper(match[2]!)] : [upper(expanded)];
}

/** "Biểu tổng hợp 27-11-2026.xlsx": readable, with no characters a file system or a header dislikes. */
export function exportFileName(base: string, date: IsoDate, ext: 'xlsx' | 'docx'): string {
  const [y, m, d] = date.split('-');
  const clean = base
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${clean} ${d}-${m}-${y}.${ext}`;
}

/**
 * Formula safety for spreadsheet cells (decision 005): text that a spreadsheet would read as a
 * formula when typed or re-imported (a leading =, +, -, @, tab, carriage return or line feed; the
 * classic CSV-injection prefixes) gets a leading space, so the cell stays a formula-free text even
 * if someone saves the sheet as CSV and opens that. A space rather than the usual apostrophe,
 * because in a string cell an apostrophe is not hidden but printed. Line breaks become \n: XML
 * turns a bare carriage return into a line feed anyway, so a leading CR is caught as a leading LF.
 */
const FORMULA_PREFIX = /^[=+\-@\t\n]/;

export function safeText(value: string): string {
  const text = value.replace(/\r\n?/g, '\n');
  return FORMULA_PREFIX.test(text) ? ` ${text}` : text;
}

/** "UBND thành phố Hà Tĩnh" → "UBND THÀNH PHỐ HÀ TĨNH": the issuing body on the first line of a "Biểu". */
export function issuingBodyShort(issuingBody: string): string {
  const short = issuingBody.trim().replace(/^Ủy ban nhân dân\b/iu, 'UBND');
  return short.replace(/^ubnd\b/iu, 'UBND').toLocaleUpperCase('vi');
}
