/**
 * "Biểu tổng hợp" as an Excel workbook (exceljs), written with the streaming WorkbookWriter: each
 * sheet is written row by row into the zip, which flows into the output stream as it is made, so an
 * export of a national dataset never holds the workbook — only the current page of rows.
 *
 * Sheets: "Theo đơn vị" (Biểu số 01: departments, then wards and communes, each group with its
 * subtotal, then the total), "Theo mục" (02), "Theo lĩnh vực CCHC" (03), "Danh sách nhiệm vụ" (04,
 * every assignment, read page by page), and — when the scope has indicators — "Chỉ tiêu" (05: each
 * indicator's targets and each unit's latest approved value against the trajectory). Each has the layout of a form an office files: "UBND THÀNH
 * PHỐ …" and "Biểu số …" on the first line, a centred title, what was counted and when, the table
 * with its header repeated on every printed page, and the signature lines (Người lập biểu, Thủ
 * trưởng đơn vị). A4 landscape, fitted to the page width. Wrapped text gets an explicit row height
 * estimated from its length, so no row is drawn over the next.
 *
 * No cell can run as a formula. Every value is written with an explicit type — numbers as numbers,
 * dates as dates, text as string cells in the text format '@' — so nothing is a formula cell;
 * text is also passed through safeText (lib/exports/text.ts).
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DrillRow, GroupStanding, UnitStanding } from '../data/dashboard';
import type { StatusCounts } from '../data/dashboard-sql';
import type { ExportSource } from '../data/exports';
import { ASSIGNMENT_ROLE_LABELS, REPORT_STATUS_LABELS, UNIT_KIND_LABELS } from '../domain/labels';
import { RECURRENCE_LABELS } from '../domain/periods';
import { STATUS_LABELS } from '../domain/status';
import { describePath, describeTargets, RAG_LABELS } from '../domain/targets';
import { formatDateTimeVn, formatDateVn, toDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { decreeDateLine, headlineNumbers, issuingBodyShort, placeOf, safeText } from './text';
import { env } from '../env';
import { Turns } from './turns';

export { safeText } from './text';

/** What a workbook is made of: an export source; `rows` may also be a plain array (small exports, benchmarks). */
export type WorkbookInput = Omit<ExportSource, 'rows' | 'preparedBy' | 'signer'> &
  Partial<Pick<ExportSource, 'preparedBy' | 'signer'>> & {
    rows: ExportSource['rows'] | DrillRow[];
    /** Accepted from older callers; the list now holds every row. */
    totalRows?: number;
  };

/** Excel's limit is 1,048,576 rows; the list stops well before it and says so. */
export const LIST_ROW_LIMIT = 1_000_000;
/** Above this many list rows, cells get no individual borders (the header and the frozen pane still frame them). */
const BORDERED_LIST_ROWS = 5000;

const FONT = 'Times New Roman';
const SIZE = 12;
const DEFAULT_ISSUER = 'UBND thành phố Hà Tĩnh';

type CellValue = string | number | Date | null | { date: IsoDate } | { dateTime: Date } | { percent: number | null };

const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** Sets one value with its type made explicit; returns the number format the cell needs ('@' for text). */
function writeValue(cell: ExcelJS.Cell, value: CellValue): string | undefined {
  if (value === null) {
    cell.value = null;
    return undefined;
  }
  if (typeof value === 'number') {
    cell.value = value;
    return undefined;
  }
  if (typeof value === 'string') {
    cell.value = safeText(value);
    return '@';
  }
  if (value instanceof Date) throw new TypeError('Pass calendar days as { date } and instants as { dateTime }');
  if ('date' in value) {
    // A calendar day: midnight UTC of that day is that day in Excel, whatever the server's zone.
    cell.value = toDbDate(value.date);
    return DATE_FORMAT;
  }
  if ('dateTime' in value) {
    // Excel has no time zones: write the wall-clock time in Vietnam.
    cell.value = new Date(value.dateTime.getTime() + 7 * 3_600_000);
    return DATE_TIME_FORMAT;
  }
  cell.value = value.percent;
  return value.percent !== null ? '0.0%' : undefined;
}

function writeCell(cell: ExcelJS.Cell, value: CellValue): void {
  const format = writeValue(cell, value);
  if (format) cell.numFmt = format;
}

// ───────────────────────────── Row heights ─────────────────────────────

/**
 * Lines a text takes in a column `width` characters wide (Excel's unit: the width of a digit of the
 * default font, about 7 px), greedy word wrap, with Times New Roman's average letter width. It errs
 * on the generous side: a little white space rather than a row drawn over the next.
 */
export function linesFor(
  text: string,
  width: number,
  { size = SIZE, bold = false }: { size?: number; bold?: boolean } = {},
): number {
  // A list repeats the same task and programme titles thousands of times: remember the answers.
  const key = `${width}|${size}|${bold ? 1 : 0}|${text}`;
  const known = linesSeen.get(key);
  if (known !== undefined) return known;
  if (linesSeen.size > 20_000) linesSeen.clear();
  const lines = countLines(text, width, size, bold);
  linesSeen.set(key, lines);
  return lines;
}

const linesSeen = new Map<string, number>();

function countLines(text: string, width: number, size: number, bold: boolean): number {
  // Times New Roman: about 0.35 em per letter of Vietnamese text (measured on sheets rendered by
  // LibreOffice); 0.4 keeps a margin. Capitals are wider.
  const letterPx = size * 1.333 * 0.4 * (bold ? 1.08 : 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    const capsShare = (paragraph.match(/\p{Lu}/gu)?.length ?? 0) / Math.max(1, paragraph.length);
    const perLine = Math.max(1, Math.floor((width * 7 + 5 - 8) / (letterPx * (1 + 0.45 * capsShare))));
    let line = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/)) {
      const w = word.length;
      if (line === 0) line = w;
      else if (line + 1 + w <= perLine) line += 1 + w;
      else {
        count += 1;
        line = w;
      }
      while (line > perLine) {
        count += 1;
        line -= perLine;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Points for `lines` lines of text of `size` points, with a little padding. */
const heightOf = (lines: number, size = SIZE) => Math.ceil(lines * size * 1.32 + 4);

// ───────────────────────────── Styles ─────────────────────────────

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: SIZE, ...extra });

const PLAIN = font();
const BOLD = font({ bold: true });
const WRAP: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'left', wrapText: true };
const LEFT: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'left' };
const CENTER: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'center' };

type Column = { header: string; group?: string; width: number; wrap?: boolean; align?: 'left' | 'center' };

type Line = { text: string; bold?: boolean; italic?: boolean; size?: number };

/** Merges a range and gives every cell of it the same style (Excel draws merged borders from each cell). */
function mergeStyled(
  sheet: ExcelJS.Worksheet,
  r1: number,
  c1: number,
  r2: number,
  c2: number,
  style: Partial<ExcelJS.Style>,
): void {
  for (let r = r1; r <= r2; r += 1) for (let c = c1; c <= c2; c += 1) Object.assign(sheet.getCell(r, c), style);
  if (r1 !== r2 || c1 !== c2) sheet.mergeCells(r1, c1, r2, c2);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The head of a form: issuing body (left) and "Biểu số" (right) on the first line, then the
 * centred title and its context lines. Returns the next free row.
 */
function writeTitleBlock(
  sheet: ExcelJS.Worksheet,
  columns: Column[],
  { issuer, form, title, lines }: { issuer: string; form: string; title: string; lines: Line[] },
): number {
  const n = columns.length;
  const widths = columns.map((c) => c.width);
  const leftSpan = Math.min(n - 1, Math.max(2, widths.findIndex((_, i) => sum(widths.slice(0, i + 1)) >= 34) + 1));
  const rightSpan = Math.min(n - leftSpan, Math.max(2, n - widths.findLastIndex((_, i) => sum(widths.slice(i)) >= 22)));
  writeCell(sheet.getCell(1, 1), issuer);
  mergeStyled(sheet, 1, 1, 1, leftSpan, {
    font: font({ bold: true }),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  writeCell(sheet.getCell(1, n - rightSpan + 1), form);
  mergeStyled(sheet, 1, n - rightSpan + 1, 1, n, {
    font: font({ bold: true, italic: true }),
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  sheet.getRow(1).height = heightOf(linesFor(issuer, sum(widths.slice(0, leftSpan)), { bold: true }));
  sheet.getRow(1).commit();
  let r = 3;
  const all = sum(widths);
  for (const line of [{ text: title, bold: true, size: 14 }, ...lines]) {
    writeCell(sheet.getCell(r, 1), line.text);
    mergeStyled(sheet, r, 1, r, n, {
      font: font({ bold: line.bold, italic: line.italic, size: line.size ?? SIZE }),
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    });
    sheet.getRow(r).height = heightOf(linesFor(line.text, all - 4, { size: line.size, bold: line.bold }), line.size);
    sheet.getRow(r).commit();
    r += 1;
  }
  return r + 1;
}

/** The table header (one row, or two when columns are grouped under a common head). Returns the next free row. */
function writeHeader(sheet: ExcelJS.Worksheet, top: number, columns: Column[]): number {
  const grouped = columns.some((c) => c.group);
  const style: Partial<ExcelJS.Style> = {
    font: font({ bold: true }),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
  };
  columns.forEach((c, i) => {
    const col = i + 1;
    if (grouped && c.group) {
      writeCell(sheet.getCell(top, col), c.group);
      writeCell(sheet.getCell(top + 1, col), c.header);
      mergeStyled(sheet, top + 1, col, top + 1, col, style);
    } else {
      writeCell(sheet.getCell(top, col), c.header);
      mergeStyled(sheet, top, col, grouped ? top + 1 : top, col, style);
    }
  });
  if (grouped) {
    let start = 0;
    for (let i = 1; i <= columns.length; i += 1) {
      if (i === columns.length || columns[i]!.group !== columns[start]!.group) {
        if (columns[start]!.group) mergeStyled(sheet, top, start + 1, top, i, style);
        start = i;
      }
    }
  }
  const rows = grouped ? 2 : 1;
  // Height: the tallest header text in its column (a grouped head spans its group's columns).
  const tallest = (forRow: 'top' | 'bottom') =>
    Math.max(
      1,
      ...columns.map((c, i) => {
        if (forRow === 'top' && c.group) {
          const span = columns.filter((d) => d.group === c.group);
          return linesFor(c.group, sum(span.map((d) => d.width)), { bold: true });
        }
        if (forRow === 'bottom' && !c.group) return 1;
        return linesFor(c.header, columns[i]!.width, { bold: true }) / (grouped && !c.group ? 2 : 1);
      }),
    );
  sheet.getRow(top).height = heightOf(Math.ceil(tallest('top')));
  if (grouped) sheet.getRow(top + 1).height = heightOf(Math.ceil(tallest('bottom')));
  for (let r = top; r < top + rows; r += 1) sheet.getRow(r).commit();
  return top + rows;
}

/** One body row: values, borders, wrap, bold for subtotals; the height fits the longest wrapped text. */
/**
 * Body cells share their style objects: exceljs recognises a style object it has seen (a WeakMap)
 * instead of serialising it again to find its id — most of a long list's cost otherwise.
 */
const bodyStyles = new Map<Partial<ExcelJS.Alignment>, Map<string, Partial<ExcelJS.Style>>>();
function bodyStyle(
  alignment: Partial<ExcelJS.Alignment>,
  format: string | undefined,
  bold: boolean,
  bordered: boolean,
): Partial<ExcelJS.Style> {
  let byAlignment = bodyStyles.get(alignment);
  if (!byAlignment) bodyStyles.set(alignment, (byAlignment = new Map()));
  const key = bold ? (bordered ? `bb${format}` : `b${format}`) : bordered ? `B${format}` : `${format}`;
  let style = byAlignment.get(key);
  if (!style) {
    style = {
      font: bold ? BOLD : PLAIN,
      alignment,
      ...(format ? { numFmt: format } : {}),
      ...(bordered ? { border: BORDER } : {}),
    };
    byAlignment.set(key, style);
  }
  return style;
}

function writeBodyRow(
  sheet: ExcelJS.Worksheet,
  r: number,
  columns: Column[],
  values: CellValue[],
  { bold = false, bordered = true } = {},
): void {
  const row = sheet.getRow(r);
  let lines = 1;
  values.forEach((v, i) => {
    const c = columns[i]!;
    const cell = row.getCell(i + 1);
    const format = writeValue(cell, v);
    const alignment = c.wrap
      ? WRAP
      : c.align === 'center' || (c.align === undefined && typeof v !== 'string')
        ? CENTER
        : LEFT;
    cell.style = bodyStyle(alignment, format, bold, bordered || bold);
    if (c.wrap && typeof v === 'string' && v.length > c.width * 0.8)
      lines = Math.max(lines, linesFor(v, c.width, { bold }));
  });
  if (lines > 1) row.height = heightOf(lines);
  row.commit();
}

/** "Người lập biểu" on the left, the date and "Thủ trưởng đơn vị" on the right, with room to sign and the names. */
function writeSignature(
  sheet: ExcelJS.Worksheet,
  top: number,
  columns: Column[],
  data: WorkbookInput,
  issuer: string,
): number {
  const n = columns.length;
  const leftEnd = Math.min(3, n - 1);
  const rightStart = Math.max(leftEnd + 1, n - 5);
  const place = placeOf(issuer);
  const signerName = data.signer?.name ?? '……………………………';
  const preparedBy = data.preparedBy ?? '……………………………';
  const rows: [Line | null, Line | null][] = [
    [null, { text: decreeDateLine(place, vnDateOf(data.generatedAt)), italic: true }],
    [
      { text: 'NGƯỜI LẬP BIỂU', bold: true },
      { text: 'THỦ TRƯỞNG ĐƠN VỊ', bold: true },
    ],
    [
      { text: '(Ký, ghi rõ họ tên)', italic: true },
      { text: '(Ký tên, đóng dấu)', italic: true },
    ],
    [null, null],
    [null, null],
    [null, null],
    [
      { text: preparedBy, bold: true },
      { text: signerName, bold: true },
    ],
  ];
  let r = top;
  for (const [left, right] of rows) {
    const row = sheet.getRow(r);
    for (const [line, c1, c2] of [
      [left, 1, leftEnd],
      [right, rightStart, n],
    ] as const) {
      if (!line) continue;
      writeCell(sheet.getCell(r, c1), line.text);
      mergeStyled(sheet, r, c1, r, c2, {
        font: font({ bold: line.bold, italic: line.italic }),
        alignment: { horizontal: 'center', vertical: 'middle' },
      });
    }
    row.height = heightOf(1);
    row.commit();
    r += 1;
  }
  return r;
}

// ───────────────────────────── Sheets ─────────────────────────────

const COUNT_COLUMNS: Column[] = [
  { header: 'Tổng số', width: 8 },
  { header: 'Tổng', group: 'Đã hoàn thành', width: 8 },
  { header: 'Đúng hạn', group: 'Đã hoàn thành', width: 8 },
  { header: 'Quá hạn', group: 'Đã hoàn thành', width: 8 },
  { header: 'Tổng', group: 'Chưa hoàn thành', width: 8 },
  { header: 'Trong hạn', group: 'Chưa hoàn thành', width: 9 },
  { header: 'Quá hạn', group: 'Chưa hoàn thành', width: 8 },
  { header: 'Tỷ lệ hoàn thành', width: 11 },
  { header: 'Tỷ lệ hoàn thành đúng hạn', width: 11 },
];

function countCells(
  counts: StatusCounts,
  rates: { completionRate: number | null; onTimeRate: number | null },
): CellValue[] {
  const h = headlineNumbers(counts);
  return [
    h.total,
    h.done,
    h.doneOnTime,
    h.doneLate,
    h.open,
    h.openOnTime,
    h.openOverdue,
    { percent: rates.completionRate },
    { percent: rates.onTimeRate },
  ];
}

function ratesOf(counts: StatusCounts) {
  return counts.total
    ? {
        completionRate: (counts.DONE_ON_TIME + counts.DONE_LATE) / counts.total,
        onTimeRate: counts.DONE_ON_TIME / counts.total,
      }
    : { completionRate: null, onTimeRate: null };
}

function addCounts(into: StatusCounts, c: StatusCounts): void {
  for (const k of Object.keys(into) as (keyof StatusCounts)[]) into[k] += c[k];
}

const emptyCounts = (): StatusCounts => ({
  DONE_ON_TIME: 0,
  DONE_LATE: 0,
  IN_PROGRESS_ON_TIME: 0,
  IN_PROGRESS_OVERDUE: 0,
  NOT_STARTED: 0,
  total: 0,
});

/** The unit groups of Biểu số 01: the city's departments (and other bodies), then its wards and communes. */
export const UNIT_GROUPS = [
  { numeral: 'I', title: 'Các phòng, ban, đơn vị thuộc thành phố', kinds: ['DEPARTMENT', 'LEADERSHIP'] },
  { numeral: 'II', title: 'Các phường, xã', kinds: ['WARD', 'COMMUNE'] },
] as const;

function groupOf(u: UnitStanding): number {
  return u.kind === 'WARD' || u.kind === 'COMMUNE' ? 1 : 0;
}

/** The lines under a title: what was counted, for whom, as of when. */
export function exportTitleLines(data: Pick<WorkbookInput, 'dashboard' | 'programme' | 'sectionTitle'>): string[] {
  const d = data.dashboard;
  const lines: string[] = [];
  if (data.programme)
    lines.push(
      `Chương trình: ${data.programme.title}${data.programme.documentNumber ? ` (${data.programme.documentNumber})` : ''}`,
    );
  if (data.sectionTitle) lines.push(`Mục: ${data.sectionTitle}`);
  lines.push(`Phạm vi: ${d.scopeLabel}`);
  lines.push(
    d.periodLabel && !d.isNow
      ? `Kỳ báo cáo: ${d.periodLabel} — số liệu tính đến hết ngày ${formatDateVn(d.asOf)}`
      : `Số liệu tính đến ${formatDateTimeVn(d.asOf)}`,
  );
  return lines;
}

type SheetSpec = { name: string; form: string; title: string; columns: Column[] };

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  headerTop: number,
  headerRows: number,
): ExcelJS.Worksheet {
  return workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerTop + headerRows - 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerTop}:${headerTop + headerRows - 1}`,
    },
    headerFooter: { oddFooter: 'Trang &P/&N' },
  });
}

/** A summary sheet: title block, header, body rows (with their boldness), signature. */
function writeSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: WorkbookInput,
  spec: SheetSpec,
  body: { values: CellValue[]; bold?: boolean }[],
): void {
  const issuer = data.programme?.issuingBody || DEFAULT_ISSUER;
  const lines: Line[] = [
    ...exportTitleLines(data).map((text) => ({ text, italic: true })),
    {
      text: `(Kèm theo Báo cáo số        /BC-UBND ngày     tháng     năm         của ${issuer.replace(/^Ủy ban nhân dân\b/iu, 'UBND')})`,
      italic: true,
    },
  ];
  const headerTop = 3 + 1 + lines.length + 1;
  const sheet = addSheet(workbook, spec, headerTop, 2);
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  writeTitleBlock(sheet, spec.columns, { issuer: issuingBodyShort(issuer), form: spec.form, title: spec.title, lines });
  let r = writeHeader(sheet, headerTop, spec.columns);
  for (const row of body) writeBodyRow(sheet, r++, spec.columns, row.values, { bold: row.bold });
  const end = writeSignature(sheet, r + 1, spec.columns, data, issuer);
  // Read by the workbook part when it is written (after the sheets): the form and its signatures.
  sheet.pageSetup.printArea = `A1:${String.fromCharCode(64 + spec.columns.length)}${end - 1}`;
  sheet.commit();
}

function unitSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, data: WorkbookInput): void {
  const d = data.dashboard;
  const columns: Column[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Đơn vị', width: 40, wrap: true, align: 'left' },
    { header: 'Loại đơn vị', width: 11, align: 'center' },
    ...COUNT_COLUMNS,
    { header: 'Báo cáo chờ duyệt (hiện tại)', width: 11 },
    { header: 'Xếp hạng', width: 8 },
  ];
  const body: { values: CellValue[]; bold?: boolean }[] = [];
  const groups = UNIT_GROUPS.map(() => [] as UnitStanding[]);
  for (const u of d.units) groups[groupOf(u)]!.push(u);
  groups.forEach((units, g) => {
    if (units.length === 0) return;
    const subtotal = emptyCounts();
    let pending = 0;
    for (const u of units) {
      addCounts(subtotal, u.counts);
      pending += u.pending;
    }
    const group = UNIT_GROUPS[g]!;
    body.push({
      values: [group.numeral, group.title, null, ...countCells(subtotal, ratesOf(subtotal)), pending, null],
      bold: true,
    });
    units.forEach((u, i) =>
      body.push({
        values: [
          i + 1,
          u.name,
          UNIT_KIND_LABELS[u.kind as keyof typeof UNIT_KIND_LABELS] ?? u.kind,
          ...countCells(u.counts, u),
          u.pending,
          u.rank,
        ],
      }),
    );
  });
  body.push({ values: [null, 'Tổng cộng', null, ...countCells(d.headline, d), d.pending, null], bold: true });
  writeSummarySheet(
    workbook,
    data,
    { name: 'Theo đơn vị', form: 'Biểu số 01', title: 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ', columns },
    body,
  );
}

function groupSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: WorkbookInput,
  spec: { name: string; form: string; title: string; head: string },
  groups: GroupStanding[],
): void {
  const d = data.dashboard;
  const columns: Column[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: spec.head, width: 44, wrap: true, align: 'left' },
    ...COUNT_COLUMNS,
    { header: 'Báo cáo chờ duyệt (hiện tại)', width: 11 },
  ];
  const body: { values: CellValue[]; bold?: boolean }[] = groups.map((g, i) => ({
    values: [i + 1, g.title, ...countCells(g.counts, g), g.pending],
  }));
  body.push({ values: [null, 'Tổng cộng', ...countCells(d.headline, d), d.pending], bold: true });
  writeSummarySheet(workbook, data, { name: spec.name, form: spec.form, title: spec.title, columns }, body);
}

const LIST_COLUMNS: Column[] = [
  { header: 'STT', width: 7, align: 'center' },
  { header: 'Số hiệu', width: 8, align: 'center' },
  { header: 'Nhiệm vụ', width: 50, wrap: true },
  { header: 'Chương trình', width: 28, wrap: true },
  { header: 'Đơn vị thực hiện', width: 22, wrap: true },
  { header: 'Đơn vị cũ (trước sáp nhập)', width: 16, wrap: true },
  { header: 'Vai trò', width: 11, wrap: true },
  { header: 'Đơn vị chủ trì', width: 22, wrap: true },
  { header: 'Tần suất', width: 12, wrap: true },
  { header: 'Tình trạng', width: 16, wrap: true },
  { header: 'Thời hạn', width: 12, align: 'center' },
  { header: 'Số ngày quá hạn', width: 9, align: 'center' },
  { header: 'Ngày hoàn thành', width: 12, align: 'center' },
  { header: 'Kỳ báo cáo gần nhất', width: 14, wrap: true },
  { header: 'Trạng thái báo cáo', width: 12, wrap: true },
  { header: 'Ngày gửi', width: 16, align: 'center' },
  { header: 'Người duyệt', width: 18, wrap: true },
  { header: 'Ngày duyệt', width: 16, align: 'center' },
];

function listRow(row: DrillRow, i: number): CellValue[] {
  return [
    i,
    row.taskCode,
    row.taskTitle,
    row.programmeTitle,
    row.unitName,
    row.formerUnitName ?? '',
    ASSIGNMENT_ROLE_LABELS[row.role],
    row.leadUnitName ?? '',
    RECURRENCE_LABELS[row.recurrence],
    STATUS_LABELS[row.status],
    row.dueDate ? { date: row.dueDate } : 'Không thời hạn',
    row.daysOverdue,
    row.completedAt ? { date: vnDateOf(row.completedAt) } : null,
    row.lastReport?.periodLabel ?? 'Chưa có báo cáo',
    row.lastReport ? REPORT_STATUS_LABELS[row.lastReport.status] : '',
    row.lastReport?.submittedAt ? { dateTime: row.lastReport.submittedAt } : null,
    row.lastReport?.reviewerName ?? '',
    row.lastReport?.reviewedAt ? { dateTime: row.lastReport.reviewedAt } : null,
  ];
}

/**
 * How many exports may write their list at once in this process (EXPORT_LIST_WRITERS, default 2:
 * the machine has 2 cores, and each writer holds a page or two of rows). The others have already
 * sent their first bytes and summary sheets and wait their turn here — never an error — so ten
 * exports at once cost the memory of two (lib/exports/turns.ts, decision 033).
 */
export const listWriters = new Turns(env().EXPORT_LIST_WRITERS ?? 2);

/** A turn to write the list; a client that goes away while waiting leaves the queue. */
async function listTurn(out: Writable): Promise<(() => void) | null> {
  if (out.destroyed) return null;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  out.once('close', onClose);
  try {
    return await listWriters.acquire(gone.signal);
  } catch {
    return null; // the client went away while waiting: nothing more to write
  } finally {
    out.off('close', onClose);
  }
}

/** Waits while the output has more than it wants buffered (the client reads slower than we write). */
async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}

const ZIP_BACKLOG = 256 * 1024;

/** Waits until the zip has taken the list's rows written so far (or the client has gone). */
async function zipCaughtUp(raw: RawRows, out: Writable): Promise<void> {
  while (raw.backlog() > ZIP_BACKLOG && !out.destroyed) {
    await drained(out); // the zip waits for a slow client: wait with it
    // …and otherwise for the zip to take the next chunk. Checking again on every turn of the event
    // loop (setImmediate) while the compressor worked cost ~1 s of the main thread per national list.
    await raw.progress();
  }
}

/**
 * The list's body rows as XML, written straight into the sheet's part of the zip. exceljs builds a
 * model object per cell and serialises it (about 0.1 ms a row); a national list has 240,000 rows.
 * This writes the same cells — explicit types, text as inline strings through safeText, shared
 * style ids — as one string per page. It relies on two internals of exceljs's streaming writer (the
 * style registry and the sheet's stream, exceljs 4.4); if they are missing, null, and the rows go
 * through writeBodyRow.
 */
type RawRows = {
  write: (rows: { r: number; values: CellValue[] }[], bordered: boolean) => void;
  /** Bytes written into the sheet's part that the zip has not taken yet (exceljs does not wait for it). */
  backlog: () => number;
  /** Resolves when the zip next takes bytes from the sheet's part, or after PROGRESS_MS at most. */
  progress: () => Promise<void>;
};

type StreamState = {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
  readableFlowing?: boolean | null;
  once?: (event: 'data', listener: () => void) => unknown;
  off?: (event: 'data', listener: () => void) => unknown;
};

/** The longest zipCaughtUp waits without news from the zip before it looks again (a safety net). */
const PROGRESS_MS = 20;

function rawRows(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  columns: Column[],
): RawRows | null {
  const styles = (
    workbook as unknown as { styles?: { addStyleModel?: (style: Partial<ExcelJS.Style>, type?: number) => number } }
  ).styles;
  const target = sheet as unknown as {
    startedData?: boolean;
    stream?: { write: (chunk: Buffer) => unknown; pipes?: StreamState[] };
  };
  if (typeof styles?.addStyleModel !== 'function' || !target.startedData || typeof target.stream?.write !== 'function')
    return null;
  const ids = new Map<Partial<ExcelJS.Style>, number>();
  const idOf = (style: Partial<ExcelJS.Style>) => {
    let id = ids.get(style);
    if (id === undefined) ids.set(style, (id = styles.addStyleModel!(style, ExcelJS.ValueType.Number)));
    return id;
  };
  const letters = columns.map((_, i) => String.fromCharCode(65 + i));
  const stream = target.stream;
  const serial = (ms: number) => ms / 86_400_000 + 25_569;
  // Per column, the lines of each wrapped text (keyed by the text alone: building linesFor's
  // composite key for every cell cost more than counting), and each calendar day's serial number.
  const lineCounts = columns.map((c) => boundedMemo((text: string) => linesFor(text, c.width)));
  const dayXml = boundedMemo((day: IsoDate) => `<v>${serial(toDbDate(day).getTime())}</v>`);
  // A list repeats the same unit, task, programme and label texts thousands of times: each distinct
  // text is escaped once.
  const textXml = boundedMemo((v: string) => `<is><t xml:space="preserve">${xmlText(safeText(v))}</t></is>`);
  return {
    write(rows, bordered) {
      // Each row's XML is encoded to UTF-8 as soon as it is made: a page kept as strings until the
      // end is thousands of rope pieces that every young-generation collection copies (measured:
      // garbage collection was most of the export's CPU), while a row's pieces die young.
      const encoded: Buffer[] = [];
      for (const { r, values } of rows) {
        let cells = '';
        let lines = 1;
        for (let i = 0; i < values.length; i += 1) {
          const v = values[i];
          const c = columns[i]!;
          const alignment = c.wrap
            ? WRAP
            : c.align === 'center' || (c.align === undefined && typeof v !== 'string')
              ? CENTER
              : LEFT;
          let format: string | undefined;
          let body = '';
          let type = '';
          if (typeof v === 'number') body = `<v>${v}</v>`;
          else if (typeof v === 'string') {
            format = '@';
            if (v !== '') {
              type = ' t="inlineStr"';
              body = textXml(v);
              if (c.wrap && v.length > c.width * 0.8) lines = Math.max(lines, lineCounts[i]!(v));
            }
          } else if (v !== null && typeof v === 'object' && 'date' in v) {
            format = DATE_FORMAT;
            body = dayXml(v.date);
          } else if (v !== null && typeof v === 'object' && 'dateTime' in v) {
            format = DATE_TIME_FORMAT;
            body = `<v>${serial(v.dateTime.getTime() + 7 * 3_600_000)}</v>`;
          } else if (v !== null) throw new TypeError('The list has no other kinds of values');
          const s = idOf(bodyStyle(alignment, format, false, bordered));
          cells += body
            ? `<c r="${letters[i]}${r}" s="${s}"${type}>${body}</c>`
            : `<c r="${letters[i]}${r}" s="${s}"/>`;
        }
        encoded.push(
          Buffer.from(
            `<row r="${r}" spans="1:${columns.length}"${lines > 1 ? ` ht="${heightOf(lines)}" customHeight="1"` : ''}>${cells}</row>`,
          ),
        );
      }
      if (encoded.length) stream.write(Buffer.concat(encoded));
    },
    // exceljs hands the part to archiver through a PassThrough and ignores its backpressure: without
    // waiting for it, the whole list piles up there and leaves only when the sheet ends (measured:
    // 140 MB held for 120,000 rows, 0.1 MB sent).
    backlog() {
      return (stream.pipes ?? []).reduce(
        (sum, p) => sum + (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0),
        0,
      );
    },
    progress() {
      // Only a part the zip is already reading (flowing) may get a listener of ours: a 'data'
      // listener on a part still waiting in archiver's queue would start it flowing into nothing
      // (seen: a corrupt workbook). Otherwise, and as a safety net, a short timer.
      const flowing = (stream.pipes ?? []).filter((p) => p.readableFlowing === true);
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          for (const p of flowing) p.off?.('data', done);
          resolve();
        };
        const timer = setTimeout(done, flowing.length ? PROGRESS_MS : 2);
        for (const p of flowing) p.once?.('data', done);
      });
    },
  };
}

/** Distinct texts whose XML the list's writer keeps (unit names are the most numerous: 10,002 nationally). */
const TEXT_CACHE = 50_000;

/** `make` remembered per key, the memory bounded: the whole cache is dropped when it reaches TEXT_CACHE entries. */
function boundedMemo<K, V>(make: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= TEXT_CACHE) known.clear();
      known.set(key, (value = make(key)));
    }
    return value;
  };
}

/** Text for XML: the five escapes, and no characters XML 1.0 forbids. */
function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

async function listSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: WorkbookInput,
  out: Writable,
): Promise<void> {
  const d = data.dashboard;
  const lines: Line[] = exportTitleLines(data).map((text) => ({ text, italic: true }));
  const headerTop = 3 + 1 + lines.length + 1;
  const spec = {
    name: 'Danh sách nhiệm vụ',
    form: 'Biểu số 04',
    title: 'DANH SÁCH NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN',
    columns: LIST_COLUMNS,
  };
  const sheet = addSheet(workbook, spec, headerTop, 1);
  sheet.columns = LIST_COLUMNS.map((c) => ({ width: c.width }));
  sheet.autoFilter = { from: { row: headerTop, column: 1 }, to: { row: headerTop, column: LIST_COLUMNS.length } };
  writeTitleBlock(sheet, LIST_COLUMNS, {
    issuer: issuingBodyShort(data.programme?.issuingBody || DEFAULT_ISSUER),
    form: spec.form,
    title: spec.title,
    lines,
  });
  let r = writeHeader(sheet, headerTop, LIST_COLUMNS);
  const bordered = d.headline.total <= BORDERED_LIST_ROWS;
  const raw = rawRows(workbook, sheet, LIST_COLUMNS);
  let n = 0;
  let more = false;
  const release = Array.isArray(data.rows) ? () => {} : await listTurn(out);
  if (!release) return;
  try {
    const pages = Array.isArray(data.rows) ? [[...data.rows]] : data.rows();
    for await (const page of pages) {
      const batch: { r: number; values: CellValue[] }[] = [];
      for (const row of page) {
        if (n >= LIST_ROW_LIMIT) {
          more = true;
          break;
        }
        n += 1;
        if (raw) batch.push({ r: r++, values: listRow(row, n) });
        else writeBodyRow(sheet, r++, LIST_COLUMNS, listRow(row, n), { bordered });
      }
      raw?.write(batch, bordered);
      if (more || out.destroyed) break;
      await drained(out);
      if (raw) await zipCaughtUp(raw, out);
    }
  } finally {
    release();
  }
  if (more)
    writeBodyRow(
      sheet,
      r + 1,
      LIST_COLUMNS,
      [`Danh sách dừng ở ${LIST_ROW_LIMIT} dòng (giới hạn của Excel); hãy lọc thêm để xuất đủ.`],
      { bordered: false },
    );
  sheet.pageSetup.printArea = `A1:${String.fromCharCode(64 + LIST_COLUMNS.length)}${more ? r + 1 : r - 1}`;
  sheet.commit();
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/** Biểu số 05: per indicator (bold, with the units' mean), each unit's latest approved value against the trajectory. */
function targetsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, data: WorkbookInput): void {
  const columns: Column[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Chỉ tiêu / Đơn vị', width: 44, wrap: true, align: 'left' },
    { header: 'Đơn vị tính', width: 9, align: 'center' },
    { header: 'Mục tiêu', width: 18, wrap: true, align: 'center' },
    { header: 'Giá trị đã duyệt', width: 11 },
    { header: 'Kỳ báo cáo', width: 16, wrap: true, align: 'center' },
    { header: 'Lộ trình cần đạt', width: 11 },
    { header: 'Đánh giá', width: 16, wrap: true, align: 'center' },
    { header: 'Để đạt mục tiêu', width: 30, wrap: true, align: 'left' },
  ];
  const body: { values: CellValue[]; bold?: boolean }[] = [];
  (data.targets ?? []).forEach((i, n) => {
    body.push({
      values: [
        n + 1,
        i.name,
        i.measureUnit,
        describeTargets(i.targets, i.measureUnit),
        round2(i.average),
        'Bình quân các đơn vị',
        round2(i.requiredToday),
        i.averageRag ? RAG_LABELS[i.averageRag] : 'Chưa có số liệu',
        `${i.counts.GREEN} đạt, ${i.counts.AMBER} gần đạt, ${i.counts.RED} chậm, ${i.counts.NONE} chưa có số liệu`,
      ],
      bold: true,
    });
    i.units.forEach((u, k) =>
      body.push({
        values: [
          `${n + 1}.${k + 1}`,
          u.unitName,
          i.measureUnit,
          null,
          round2(u.latest?.value ?? null),
          u.latest?.periodLabel ?? null,
          round2(u.required),
          u.rag ? RAG_LABELS[u.rag] : 'Chưa có số liệu được duyệt',
          describePath(u.path, i.measureUnit),
        ],
      }),
    );
  });
  writeSummarySheet(
    workbook,
    data,
    { name: 'Chỉ tiêu', form: 'Biểu số 05', title: 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', columns },
    body,
  );
}

/**
 * Writes the workbook into `out` as it is made; resolves when the last byte has been handed to it.
 * The summary sheets come from `data.dashboard`; the list reads `data.rows` page by page, waiting
 * for `out` to drain between pages, so memory stays flat however large the list.
 */
export async function writeSummaryWorkbook(data: WorkbookInput, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } }, // fastest: the XML is repetitive, level 6 saves ~15 % for several times the CPU
  });
  workbook.creator = 'Đôn đốc';
  workbook.created = data.generatedAt;
  const d = data.dashboard;
  unitSheet(workbook, data);
  groupSheet(
    workbook,
    data,
    {
      name: 'Theo mục',
      form: 'Biểu số 02',
      title: 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO MỤC CỦA CHƯƠNG TRÌNH',
      head: 'Mục',
    },
    d.sections,
  );
  groupSheet(
    workbook,
    data,
    {
      name: 'Theo lĩnh vực CCHC',
      form: 'Biểu số 03',
      title: 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC CẢI CÁCH HÀNH CHÍNH',
      head: 'Lĩnh vực',
    },
    d.areas,
  );
  await listSheet(workbook, data, out);
  // The client went away: nothing more to send (the zip would wait forever for a closed stream).
  if (out.destroyed) return;
  if (data.targets?.length) targetsSheet(workbook, data);
  await workbook.commit();
}

/** The whole workbook in memory — for tests and small callers; the route streams with writeSummaryWorkbook. */
export async function buildSummaryWorkbook(data: WorkbookInput): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(out, 'end');
  await writeSummaryWorkbook(data, out);
  await ended;
  return Buffer.concat(chunks);
}
