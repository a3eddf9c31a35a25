/**
 * "Biểu tổng hợp" as an Excel workbook (exceljs): per unit, per section and per reform area with the
 * columns of the national headline, and the list of assignments behind them.
 *
 * No cell can run as a formula. Every value is written with an explicit type — numbers as numbers,
 * dates as dates, everything else as a string cell in the text format '@' — and exceljs only writes a
 * formula for an explicit { formula } value, which this module never creates. Text that a
 * spreadsheet would read as a formula when typed or re-imported (a leading =, +, -, @, tab or
 * carriage return or line feed; the classic CSV-injection prefixes) additionally gets a leading space: the cell
 * stays a formula-free text even if someone saves the sheet as CSV and opens that. A space rather
 * than the usual apostrophe, because in a string cell an apostrophe is not hidden but printed.
 */
import ExcelJS from 'exceljs';
import type { DrillRow, ExportData, GroupStanding, UnitStanding } from '../data/dashboard';
import type { StatusCounts } from '../data/dashboard-sql';
import { ASSIGNMENT_ROLE_LABELS, REPORT_STATUS_LABELS, UNIT_KIND_LABELS } from '../domain/labels';
import { RECURRENCE_LABELS } from '../domain/periods';
import { STATUS_LABELS } from '../domain/status';
import { formatDateTimeVn, formatDateVn, toDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { headlineNumbers, headlineSentence } from './text';

const FORMULA_PREFIX = /^[=+\-@\t\n]/;

/**
 * Text that cannot be taken for a formula (see the header comment). Line breaks become \n: XML
 * turns a bare carriage return into a line feed anyway, so a leading CR is caught as a leading LF.
 */
export function safeText(value: string): string {
  const text = value.replace(/\r\n?/g, '\n');
  return FORMULA_PREFIX.test(text) ? ` ${text}` : text;
}

type CellValue = string | number | Date | null | { date: IsoDate } | { dateTime: Date } | { percent: number | null };

const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** Writes one value with its type made explicit; returns its display width in characters. */
function writeCell(cell: ExcelJS.Cell, value: CellValue): number {
  if (value === null) {
    cell.value = null;
    return 0;
  }
  if (typeof value === 'number') {
    cell.value = value;
    return String(value).length;
  }
  if (typeof value === 'string') {
    const text = safeText(value);
    cell.value = text;
    cell.numFmt = '@';
    return Math.max(...text.split('\n').map((line) => line.length));
  }
  if (value instanceof Date) throw new TypeError('Pass calendar days as { date } and instants as { dateTime }');
  if ('date' in value) {
    // A calendar day: midnight UTC of that day is that day in Excel, whatever the server's zone.
    cell.value = toDbDate(value.date);
    cell.numFmt = DATE_FORMAT;
    return 10;
  }
  if ('dateTime' in value) {
    // Excel has no time zones: write the wall-clock time in Vietnam.
    cell.value = new Date(value.dateTime.getTime() + 7 * 3_600_000);
    cell.numFmt = DATE_TIME_FORMAT;
    return 16;
  }
  if (value.percent === null) {
    cell.value = null;
    return 0;
  }
  cell.value = value.percent;
  cell.numFmt = '0.0%';
  return 7;
}

type Column = { header: string; group?: string; min?: number; max?: number; wrap?: boolean };

const THIN = { style: 'thin' as const, color: { argb: 'FF94A3B8' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * A sheet: optional title lines, a header (one row, or two when columns are grouped under a
 * common head such as "Đã hoàn thành"), frozen, then the rows. Widths follow the content.
 */
function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  { title, columns, rows, footer, plain = false }: { title: string[]; columns: Column[]; rows: CellValue[][]; footer?: CellValue[]; plain?: boolean },
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widths = columns.map((c) => c.header.length);
  let r = 1;
  for (const line of title) {
    const cell = sheet.getCell(r, 1);
    writeCell(cell, line);
    cell.font = { bold: r === 1, size: r === 1 ? 14 : 11 };
    sheet.mergeCells(r, 1, r, columns.length);
    r += 1;
  }
  if (title.length) r += 1;
  const grouped = columns.some((c) => c.group);
  const headerTop = r;
  const headerRows = grouped ? 2 : 1;
  columns.forEach((c, i) => {
    const col = i + 1;
    if (!grouped) {
      writeCell(sheet.getCell(r, col), c.header);
      return;
    }
    if (c.group) {
      writeCell(sheet.getCell(r, col), c.group);
      writeCell(sheet.getCell(r + 1, col), c.header);
    } else {
      writeCell(sheet.getCell(r, col), c.header);
      sheet.mergeCells(r, col, r + 1, col);
    }
  });
  if (grouped) {
    // Merge each run of columns under the same group head.
    let start = 0;
    for (let i = 1; i <= columns.length; i += 1) {
      if (i === columns.length || columns[i]!.group !== columns[start]!.group) {
        if (columns[start]!.group && i - start > 1) sheet.mergeCells(r, start + 1, r, i);
        start = i;
      }
    }
  }
  for (let hr = headerTop; hr < headerTop + headerRows; hr += 1) {
    const row = sheet.getRow(hr);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    for (let c = 1; c <= columns.length; c += 1) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F5F9' } };
    }
  }
  r = headerTop + headerRows;
  const body = footer ? [...rows, footer] : rows;
  // A long list is written without per-cell borders and alignment: on 50,000 rows those style
  // objects cost most of the export's time and memory; the header and frozen pane still frame it.
  for (const values of body) {
    const row = sheet.getRow(r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      widths[i] = Math.max(widths[i] ?? 0, writeCell(cell, v));
      if (!plain) {
        cell.border = BORDER;
        cell.alignment = { vertical: 'top', wrapText: columns[i]?.wrap ?? false };
      }
    });
    if (footer && values === footer) row.font = { bold: true };
    r += 1;
  }
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(c.max ?? 50, Math.max(c.min ?? 6, (widths[i] ?? 0) + 2));
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerTop + headerRows - 1 }];
  return sheet;
}

const COUNT_COLUMNS: Column[] = [
  { header: 'Tổng số' },
  { header: 'Tổng', group: 'Đã hoàn thành' },
  { header: 'Đúng hạn', group: 'Đã hoàn thành' },
  { header: 'Quá hạn', group: 'Đã hoàn thành' },
  { header: 'Tổng', group: 'Chưa hoàn thành' },
  { header: 'Trong hạn', group: 'Chưa hoàn thành' },
  { header: 'Quá hạn', group: 'Chưa hoàn thành' },
  { header: 'Tỷ lệ hoàn thành' },
  { header: 'Tỷ lệ hoàn thành đúng hạn' },
];

function countCells(counts: StatusCounts, rates: { completionRate: number | null; onTimeRate: number | null }): CellValue[] {
  const h = headlineNumbers(counts);
  return [h.total, h.done, h.doneOnTime, h.doneLate, h.open, h.openOnTime, h.openOverdue, { percent: rates.completionRate }, { percent: rates.onTimeRate }];
}

function unitRows(units: UnitStanding[]): CellValue[][] {
  return units.map((u, i) => [
    i + 1,
    u.name,
    UNIT_KIND_LABELS[u.kind as keyof typeof UNIT_KIND_LABELS] ?? u.kind,
    ...countCells(u.counts, u),
    u.pending,
    u.rank,
  ]);
}

function groupRows(groups: GroupStanding[]): CellValue[][] {
  return groups.map((g, i) => [i + 1, g.title, ...countCells(g.counts, g), g.pending]);
}

function listRow(row: DrillRow, i: number): CellValue[] {
  return [
    i + 1,
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

/** The heading lines every sheet repeats: what was counted, for whom, as of when. */
export function exportTitleLines(data: ExportData): string[] {
  const d = data.dashboard;
  const lines = [`Phạm vi: ${d.scopeLabel}`];
  if (data.programme) lines.push(`Chương trình: ${data.programme.title}${data.programme.documentNumber ? ` (${data.programme.documentNumber})` : ''}`);
  if (data.sectionTitle) lines.push(`Mục: ${data.sectionTitle}`);
  lines.push(
    d.periodLabel && !d.isNow
      ? `Kỳ báo cáo: ${d.periodLabel} — số liệu tính đến hết ngày ${formatDateVn(d.asOf)}`
      : `Số liệu tính đến ${formatDateTimeVn(d.asOf)}`,
  );
  return lines;
}

export async function buildSummaryWorkbook(data: ExportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Đôn đốc';
  workbook.created = data.generatedAt;
  const d = data.dashboard;
  const context = exportTitleLines(data);
  const totals = countCells(d.headline, d);

  addTable(workbook, 'Theo đơn vị', {
    title: ['BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ', ...context, headlineSentence(d.headline)],
    columns: [
      { header: 'STT', max: 6 },
      { header: 'Đơn vị', min: 24, max: 45, wrap: true },
      { header: 'Loại đơn vị' },
      ...COUNT_COLUMNS,
      { header: 'Báo cáo chờ duyệt (hiện tại)' },
      { header: 'Xếp hạng' },
    ],
    rows: unitRows(d.units),
    footer: [null, 'Tổng cộng', null, ...totals, d.pending, null],
  });
  addTable(workbook, 'Theo mục', {
    title: ['BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO MỤC CỦA CHƯƠNG TRÌNH', ...context],
    columns: [{ header: 'STT', max: 6 }, { header: 'Mục', min: 30, max: 60, wrap: true }, ...COUNT_COLUMNS, { header: 'Báo cáo chờ duyệt (hiện tại)' }],
    rows: groupRows(d.sections),
    footer: [null, 'Tổng cộng', ...totals, d.pending],
  });
  addTable(workbook, 'Theo lĩnh vực CCHC', {
    title: ['BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC CẢI CÁCH HÀNH CHÍNH', ...context],
    columns: [{ header: 'STT', max: 6 }, { header: 'Lĩnh vực', min: 30, max: 60, wrap: true }, ...COUNT_COLUMNS, { header: 'Báo cáo chờ duyệt (hiện tại)' }],
    rows: groupRows(d.areas),
    footer: [null, 'Tổng cộng', ...totals, d.pending],
  });
  const list = addTable(workbook, 'Danh sách nhiệm vụ', {
    title: [],
    columns: [
      { header: 'STT', max: 7 },
      { header: 'Số hiệu' },
      { header: 'Nhiệm vụ', min: 30, max: 60, wrap: true },
      { header: 'Chương trình', min: 20, max: 40, wrap: true },
      { header: 'Đơn vị thực hiện', min: 18, max: 40 },
      { header: 'Đơn vị cũ (trước sáp nhập)', max: 30 },
      { header: 'Vai trò' },
      { header: 'Đơn vị chủ trì', max: 35 },
      { header: 'Tần suất' },
      { header: 'Tình trạng' },
      { header: 'Thời hạn', min: 11 },
      { header: 'Số ngày quá hạn' },
      { header: 'Ngày hoàn thành', min: 11 },
      { header: 'Kỳ báo cáo gần nhất' },
      { header: 'Trạng thái báo cáo' },
      { header: 'Ngày gửi', min: 16 },
      { header: 'Người duyệt', max: 30 },
      { header: 'Ngày duyệt', min: 16 },
    ],
    rows: data.rows.map(listRow),
    plain: data.rows.length > 2000,
  });
  list.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 18 } };
  if (data.totalRows > data.rows.length) {
    const note = list.getCell(data.rows.length + 3, 1);
    writeCell(note, `Danh sách chỉ gồm ${data.rows.length} trong tổng số ${data.totalRows} nhiệm vụ; hãy lọc thêm để xuất đủ.`);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
