import 'server-only';
import mammoth from 'mammoth';
import { AppError } from '../errors';

/**
 * Text of an uploaded Word document (.docx), read with mammoth on the server.
 *
 * - A file that is not a ZIP with word/document.xml is refused with a Vietnamese message before
 *   mammoth sees it; so is a ZIP whose parts would expand past DOCX_MAX_EXPANDED (a "zip bomb"
 *   would otherwise be inflated in memory).
 * - mammoth's extractRawText drops Word's automatic numbering ("I.", "1.", "a)" drawn by Word,
 *   not typed), and directives rely on it. So the document tree is read through mammoth's
 *   transformDocument hook and written out here: numbered paragraphs get their marker back
 *   (level 0 Roman when the document has two or more numbered levels, then 1., then a)), table
 *   rows become tab-separated lines (the parser reads those as task tables), paragraphs are lines.
 */

export const DOCX_MAX_EXPANDED = 60 * 1024 * 1024;

const NOT_DOCX =
  'Tệp không phải tài liệu Word (.docx) hợp lệ. Hãy mở tệp bằng Word và lưu lại dưới dạng .docx, hoặc dán nội dung vào ô văn bản.';
const OLD_DOC =
  'Tệp Word 97–2003 (.doc) chưa được hỗ trợ. Hãy mở bằng Word, chọn Lưu thành… → Tài liệu Word (.docx), rồi tải lên lại.';
const TOO_BIG = 'Tài liệu Word quá lớn khi giải nén. Hãy dán phần nội dung nhiệm vụ vào ô văn bản.';

/** Entries of a ZIP's central directory: names and expanded sizes, or null if it is no ZIP. */
export function zipEntries(bytes: Uint8Array): { name: string; size: number }[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: { name: string; size: number }[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), size });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

type Element = {
  type: string;
  value?: string;
  children?: Element[];
  numbering?: { level: string; isOrdered: boolean } | null;
};

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
  const counters: number[] = [];

  function marker(level: number): string {
    counters[level] = (counters[level] ?? 0) + 1;
    counters.length = level + 1;
    const n = counters[level] ?? 1;
    const style = deep ? level : level + 1; // 0 Roman, 1 arabic, 2+ letters
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
      return (el.children ?? [])
        .map((row) =>
          (row.children ?? [])
            .map((cell) => (cell.children ?? []).map(block).join(' ').replace(/\s+/g, ' ').trim())
            .join('\t'),
        )
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
