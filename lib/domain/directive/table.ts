/**
 * Task tables flattened to text: "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
 * hoàn thành" rows with "|" (a Markdown or HTML table) or tabs (copied from Word or Excel).
 *
 * A table is recognised only after its header row, so a stray "|" or tab in prose does not turn a
 * paragraph into a row. Rows whose number cell is a Roman numeral are section rows ("I | Cải
 * cách thể chế"); rows with an empty number cell continue the row above (a cell that wrapped).
 */
import { foldWords } from './normalize';
import { trimEnd } from './text-utils';

export type TableSeparator = '|' | '\t';

export type TableColumns = {
  separator: TableSeparator;
  number: number;
  text: number;
  lead: number | null;
  coordinators: number | null;
  deadline: number | null;
  /** Number of header cells: a row with fewer cells was broken by a line break inside a cell. */
  count: number;
};

export type TableRow =
  | { kind: 'section'; numeral: string; title: string }
  | { kind: 'task'; number: string; cells: string[] }
  | { kind: 'continuation'; cells: string[] }
  | { kind: 'skip' };

/** Splits one row; leading/trailing pipes of Markdown rows are dropped. */
export function splitCells(line: string, separator: TableSeparator): string[] {
  let s = line.trim();
  if (separator === '|') s = s.replace(/^\|/, '').replace(/\|$/, '');
  return s.split(separator).map((c) => c.trim());
}

function findColumn(folded: string[], test: RegExp, exclude?: RegExp): number | null {
  const i = folded.findIndex((c) => test.test(c) && !(exclude && exclude.test(c)));
  return i >= 0 ? i : null;
}

/** Column map of a header row, or null when the line is not a task-table header. */
export function detectHeader(line: string): TableColumns | null {
  const separator: TableSeparator | null = line.includes('|') ? '|' : line.includes('\t') ? '\t' : null;
  if (!separator) return null;
  const cells = splitCells(line, separator);
  if (cells.length < 3) return null;
  // A data row that happens to mention "nhiệm vụ" and "thời gian" is not a header: headers have
  // no row number and short cells.
  if (/^\d/.test(cells[0] ?? '') || cells.some((c) => c.length > 80)) return null;
  const folded = cells.map((c) => foldWords(c));
  const text = findColumn(folded, /(?:^|\s)(?:nhiem vu|noi dung|cong viec|ten nhiem vu)(?:\s|$)/);
  const lead = findColumn(folded, /chu tri|don vi thuc hien|co quan thuc hien|don vi thuc hien/, /phoi hop/);
  const coordinators = findColumn(folded, /phoi hop/);
  const deadline = findColumn(folded, /thoi gian|thoi han|tien do|han hoan thanh/);
  if (text === null || (lead === null && deadline === null && coordinators === null)) return null;
  const number = findColumn(folded, /^(?:s?tt|so tt|so thu tu|thu tu)$/) ?? 0;
  return { separator, number, text, lead, coordinators, deadline, count: cells.length };
}

function isRoman(s: string): boolean {
  return /^(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/.test(s);
}

/** Classifies one line of a table whose header is known; null when the line is not a row. */
export function parseRow(line: string, columns: TableColumns): TableRow | null {
  if (!line.includes(columns.separator)) return null;
  const cells = splitCells(line, columns.separator);
  if (cells.length < 2) return null;
  if (cells.every((c) => /^[\s:=+-]*$/.test(c) || /^\(?\d{1,2}\)?$/.test(c))) return { kind: 'skip' };
  const numberCell = trimEnd((cells[columns.number] ?? '').slice(0, 20), '.) \t');
  if (isRoman(numberCell)) {
    const title = cells.filter((c, i) => i !== columns.number && c !== '').join(' ');
    return { kind: 'section', numeral: numberCell, title };
  }
  if (/^(?:\d{1,3}(?:\.\d{1,2})*|[a-zđ])$/.test(numberCell)) return { kind: 'task', number: numberCell, cells };
  if (numberCell === '') return { kind: 'continuation', cells };
  return null;
}

/**
 * Joins the rest of a row broken by a line break inside a cell (Word copies a two-line cell as two
 * lines): the first piece continues the row's last cell, the others are its next cells.
 */
export function continueBrokenRow(into: string[], line: string, separator: TableSeparator): void {
  const pieces = separator === '|' ? splitCells(line, separator) : line.split('\t').map((c) => c.trim());
  const [first = '', ...rest] = pieces;
  const last = into.length - 1;
  into[last] = `${into[last] ?? ''}\n${first}`.trim();
  into.push(...rest);
}

/** Appends a wrapped row's cells to the row above. */
export function mergeCells(into: string[], more: readonly string[]): void {
  more.forEach((c, i) => {
    if (c === '') return;
    const prev = into[i] ?? '';
    into[i] = prev === '' ? c : `${prev}\n${c}`;
  });
}
