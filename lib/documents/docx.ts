import 'server-only';
import mammoth from 'mammoth';
import { AppError } from '../errors';
import { zipEntries } from './zip';

/**
 * Text of an uploaded Word document (.docx), read with mammoth on the server.
 *
 * - A file that is not a ZIP with word/document.xml is refused with a Vietnamese message before
 *   mammoth sees it; so is a ZIP whose parts would expand past DOCX_MAX_EXPANDED (a "zip bomb"
 *   would otherwise be inflated in memory).
 * - mammoth's extractRawText drops Word's automatic numbering ("I.", "1.", "a)" drawn by Word,
 *   not typed), and directives rely on it. So the document tree is read through mammoth's
 *   transformDocument hook and written out here: numbered paragraphs get their marker back
 *   (level 0 Roman when the document has two or more numbered levels, then 1., then a)),
 *   paragraphs are lines.
 * - Tables are read as tables (tableGrid): Word's own cells, with horizontal spans (gridSpan) and
 *   vertical merges (vMerge: one lead unit for several rows) put back on the grid, so every row
 *   has one cell per column. A row is then written as one tab-separated line, the form the
 *   parser's task-table reader takes (lib/domain/directive/table.ts); tabs and line breaks inside
 *   a cell become spaces and "; " (a coordinating cell with one unit per paragraph stays a list).
 *   A row that is one cell across the whole table ("II. CẢI CÁCH HÀNH CHÍNH") is a line of text.
 */

export const DOCX_MAX_EXPANDED = 60 * 1024 * 1024;

const NOT_DOCX =
  'Tệp không phải tài liệu Word (.docx) hợp lệ. Hãy mở tệp bằng Word và lưu lại dưới dạng .docx, hoặc dán nội dung vào ô văn bản.';
const OLD_DOC =
  'Tệp Word 97–2003 (.doc) chưa được hỗ trợ. Hãy mở bằng Word, chọn Lưu thành… → Tài liệu Word (.docx), rồi tải lên lại.';
const TOO_BIG = 'Tài liệu Word quá lớn khi giải nén. Hãy dán phần nội dung nhiệm vụ vào ô văn bản.';

type Element = {
  type: string;
  value?: string;
  children?: Element[];
  numbering?: { level: string; isOrdered: boolean } | null;
  colSpan?: number;
  rowSpan?: number;
};

/**
 * A table's cells on its grid: row by row, one string per column. A cell spanning n columns fills
 * the first and leaves n-1 empty; a cell merged down over n rows repeats in each of them.
 */
export function tableGrid(
  rows: readonly (readonly { text: string; colSpan?: number; rowSpan?: number }[])[],
): string[][] {
  const grid: string[][] = [];
  // Per column: the text still owed to the rows below and for how many of them.
  const pending: { text: string; rows: number }[] = [];
  for (const row of rows) {
    const out: string[] = [];
    let col = 0;
    const fillMerged = () => {
      while (pending[col] && pending[col]!.rows > 0) {
        out[col] = pending[col]!.text;
        pending[col]!.rows -= 1;
        col += 1;
      }
    };
    for (const cell of row) {
      fillMerged();
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, 64));
      const down = Math.max(1, Math.min(cell.rowSpan ?? 1, 10_000));
      out[col] = cell.text;
      for (let k = 1; k < span; k++) out[col + k] = '';
      for (let k = 0; k < span; k++) pending[col + k] = { text: k === 0 ? cell.text : '', rows: down - 1 };
      col += span;
    }
    fillMerged();
    for (let i = 0; i < out.length; i++) out[i] ??= '';
    grid.push(out);
  }
  return grid;
}

/** Paragraphs of one cell as one line: "; " between items that end without punctuation. */
function cellText(paragraphs: readonly string[]): string {
  let out = '';
  for (const raw of paragraphs) {
    const p = raw.replace(/\s+/g, ' ').trim();
    if (p === '') continue;
    if (out === '') out = p;
    else out += /[.;:,]$/.test(out) ? ` ${p}` : `; ${p}`;
  }
  return out;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, s] of ROMAN)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

function letter(n: number): string {
  return String.fromCharCode(96 + Math.min(Math.max(n, 1), 26));
}

function collectLevels(el: Element, levels: Set<number>): void {
  if (el.type === 'paragraph' && el.numbering?.isOrdered) levels.add(Number(el.numbering.level) || 0);
  for (const c of el.children ?? []) collectLevels(c, levels);
}

/** Writes the document tree as text (see the module comment). */
export function documentText(root: Element): string {
  const levels = new Set<number>();
  collectLevels(root, levels);
  const deep = [...levels].some((l) => l >= 1);
  const body: number[] = [];
  // Numbering inside a table (an automatic "TT" column) counts apart from the body's, from 1 in
  // each table, in arabic numerals: a row number, never a Roman section.
  let table: number[] | null = null;

  function marker(level: number): string {
    const counters = table ?? body;
    counters[level] = (counters[level] ?? 0) + 1;
    counters.length = level + 1;
    const n = counters[level] ?? 1;
    const style = deep && !table ? level : level + 1; // 0 Roman, 1 arabic, 2+ letters
    if (style === 0) return `${roman(n)}. `;
    if (style === 1) return `${n}. `;
    return `${letter(n)}) `;
  }

  function inline(el: Element): string {
    if (el.type === 'text') return el.value ?? '';
    if (el.type === 'tab') return '\t';
    if (el.type === 'break') return '\n';
    if (el.type === 'run' || el.type === 'hyperlink') return (el.children ?? []).map(inline).join('');
    return '';
  }

  function block(el: Element): string {
    if (el.type === 'paragraph') {
      const text = (el.children ?? []).map(inline).join('');
      const n = el.numbering;
      const prefix = n ? (n.isOrdered ? marker(Number(n.level) || 0) : '- ') : '';
      return `${prefix}${text}\n`;
    }
    if (el.type === 'table') {
      const outer = table;
      table = [];
      const rows = (el.children ?? [])
        .filter((r) => r.type === 'tableRow')
        .map((row) =>
          (row.children ?? []).map((cell) => ({
            text: cellText((cell.children ?? []).map(block).join('').split('\n')),
            colSpan: cell.colSpan,
            rowSpan: cell.rowSpan,
          })),
        );
      table = outer;
      const grid = tableGrid(rows);
      const width = Math.max(0, ...grid.map((r) => r.length));
      return grid
        .map((cells, i) => {
          const spanning = (rows[i]?.length ?? 0) === 1 && width > 1;
          return spanning ? (cells[0] ?? '') : cells.join('\t');
        })
        .join('\n')
        .concat('\n');
    }
    return (el.children ?? []).map(block).join('');
  }

  return block(root);
}

/** The text of a .docx file, or an AppError with a Vietnamese message. */
export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  // Word 97–2003 files are OLE compound files: D0 CF 11 E0.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new AppError(OLD_DOC);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new AppError(NOT_DOCX);
  const entries = zipEntries(bytes);
  if (!entries || !entries.some((e) => e.name === 'word/document.xml')) throw new AppError(NOT_DOCX);
  const expanded = entries.reduce((n, e) => n + e.size, 0);
  if (expanded > DOCX_MAX_EXPANDED || entries.some((e) => e.size === 0xffffffff)) throw new AppError(TOO_BIG);

  let text: string | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images are not needed: skip encoding them as data URIs.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: (doc: Element) => {
          text = documentText(doc);
          return doc;
        },
      },
    );
  } catch {
    throw new AppError(NOT_DOCX);
  }
  if (text === null) throw new AppError(NOT_DOCX);
  return text;
}
