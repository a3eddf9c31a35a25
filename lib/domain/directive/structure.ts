/**
 * The outline of a directive: preamble, sections and the items (future tasks) inside them.
 *
 * Shapes recognised (decided once per document, from the markers it uses):
 * - ROMAN:    "I.", "II." sections; "1.", "2." tasks; "a)", "b)" under a task are either sub-tasks
 *             (when the numbered line is only a heading, see isHeadingLike) or part of its text.
 * - NUMBERED: no Roman numerals, and at least half of the "1.", "2." items have "a)"/"1.1."
 *             children: the numbers are sections and the letters are tasks (the usual layout of a
 *             Công văn: "1. Phòng Nội vụ: a) … b) …").
 * - FLAT:     numbered items without sections → one implicit section (numeral "").
 * - LETTERS:  only "a)", "b)" items → one implicit section.
 * - TABLE:    only table rows → one implicit section, unless the table has Roman section rows.
 * - NONE:     no numbering at all → no sections (the parser warns).
 *
 * Line noise from web pages ("Đánh giá:", "Bình luận", "Mã xác thực không đúng.") is dropped;
 * "Liên kết website", "Tin liên quan"… end the document (what follows is a list of links); the
 * closing "Nơi nhận:" / "Trên đây là…" / signature block ends it once a task has been seen.
 */
import { foldSameLength } from './normalize';
import { continueBrokenRow, detectHeader, mergeCells, parseRow, type TableColumns } from './table';

export type Shape = 'ROMAN' | 'NUMBERED' | 'FLAT' | 'LETTERS' | 'TABLE' | 'NONE';

export type ItemKind = 'number' | 'subnumber' | 'letter' | 'row';

export type Item = {
  kind: ItemKind;
  marker: string;
  body: string;
  /** Unnumbered paragraphs and bullets that follow the item's line. */
  lines: string[];
  children: Item[];
  /** Table rows only. */
  cells?: string[];
  columns?: TableColumns;
};

export type Block = {
  numeral: string;
  title: string;
  /** Paragraphs between the heading and the first item. */
  intro: string[];
  items: Item[];
};

/** articles: the text is a legal instrument made of "Điều N." articles (whose body gives no task). */
export type Skeleton = { shape: Shape; preamble: string[]; blocks: Block[]; articles: boolean };

type TokenKind = 'roman' | 'number' | 'subnumber' | 'letter' | 'para' | 'row' | 'row-section' | 'appendix';

type Token = { kind: TokenKind; marker: string; body: string; raw: string; cells?: string[]; columns?: TableColumns };

// ---------------------------------------------------------------------------------------------
// Lines

const NOISE: readonly RegExp[] = [
  /^danh gia\s*:?[^a-z]*$/,
  /^luot danh gia/,
  /^trung binh\s*:/,
  /^binh luan\s*:?\s*$/,
  /^ma xac thuc/,
  /^(?:gui|viet|them|xem) (?:binh luan|y kien)/,
  /^(?:chia se|in bai viet|in trang|ban in|gui email|gui bai viet|luu bai viet|tai ve|quay lai|len dau trang|ve dau trang|xem tiep|doc tiep)\b.{0,30}$/,
  /^(?:luot xem|so lan xem|luot truy cap|ngay dang|cap nhat luc)\s*:/,
  /^(?:tu khoa|tags?)\s*:/,
  /^(?:https?:\/\/|www\.)\S*$/,
  /^(?:facebook|zalo|twitter|email|print|like|share)$/,
  /^[^a-z0-9]*$/,
];

const WEB_STOP: readonly RegExp[] = [
  /^lien ket website/,
  /^(?:cac )?tin (?:lien quan|khac|cung chuyen muc|moi nhat|moi|da dua)\b/,
  /^(?:cac )?bai (?:viet )?(?:lien quan|khac)\b/,
  /^van ban (?:lien quan|khac)\s*:?\s*$/,
  /^xem them\s*:?\s*$/,
];

const CLOSING: readonly RegExp[] = [
  /^noi nhan\s*:?/,
  // "Ủy ban nhân dân Thành phố yêu cầu các Sở, ngành… nghiêm túc thực hiện…": the closing clause.
  /^(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)(?: pho)? yeu cau .{0,160}(?:nghiem tuc|khan truong) (?:trien khai|thuc hien|to chuc)/,
  /^tren day la\b/,
  /^(?:tm|kt|tl|tuq)\s*\.?\s*(?:uy ban|ubnd|chu tich|ban chi dao)/,
  /^(?:pho )?chu tich\s*$/,
];

/** An appendix heading: "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC: DANH MỤC NHIỆM VỤ". */
const APPENDIX = /^phu luc(?:\s+(?:[ivxl]+|\d+|so\s+\d+))?\s*[.:-]?\s*(?:$|[a-z(])/;

/** The title line of a plan or programme issued by a Quyết định. */
const PLAN_TITLE = /^(?:ke hoach|chuong trinh(?: hanh dong)?|de an)\s*$/;

/** Two or more "Điều N." lines: the text is a legal instrument made of articles. */
function hasArticles(lines: readonly string[]): boolean {
  let n = 0;
  for (const line of lines) {
    if (/^\s*Điều\s+\d{1,3}\s*[.:]/.test(line)) n += 1;
    if (n >= 2) return true;
  }
  return false;
}

/** Words every task-table header has; checked before splitting a line into cells. */
const HEADER_HINT = /nhiem vu|noi dung|cong viec/;

function foldedLine(line: string): string {
  return foldSameLength(line.slice(0, 200)).trim();
}

/** What a line does to the document: ends it, is dropped, or is content (`f`: its folded start). */
function lineRole(f: string, structured: boolean): 'stop' | 'noise' | 'content' {
  if (WEB_STOP.some((re) => re.test(f))) return 'stop';
  if (structured && CLOSING.some((re) => re.test(f))) return 'stop';
  return NOISE.some((re) => re.test(f)) ? 'noise' : 'content';
}

const ROMAN_LINE =
  /^(?:(?:PHẦN|Phần|MỤC|Mục)\s+)?((?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\s*[.):–-](?!\d)\s*(.*)$/;
const SUBNUMBER_LINE = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?:[.)])?(?:\s+|(?=[^\s\d.,/-]))(.*)$/;
const NUMBER_LINE = /^(\d{1,2})\s?[.)](?![\d/])\s*(.*)$/;
const LETTER_LINE = /^([a-zđ])(?:\s?\)\s*|\.\s+)(.*)$/;

/** Classifies one non-empty line by its leading marker. */
export function classifyLine(raw: string): Token {
  const line = raw.trim();
  const roman = ROMAN_LINE.exec(line);
  if (roman) return { kind: 'roman', marker: roman[1] ?? '', body: roman[2] ?? '', raw: line };
  const sub = SUBNUMBER_LINE.exec(line);
  if (sub) return { kind: 'subnumber', marker: sub[1] ?? '', body: sub[2] ?? '', raw: line };
  const num = NUMBER_LINE.exec(line);
  if (num) return { kind: 'number', marker: String(Number(num[1])), body: num[2] ?? '', raw: line };
  const letter = LETTER_LINE.exec(line);
  if (letter) return { kind: 'letter', marker: letter[1] ?? '', body: letter[2] ?? '', raw: line };
  return { kind: 'para', marker: '', body: line, raw: line };
}

/** A table row still missing cells: the next line may be the rest of a broken cell. */
function openRow(tokens: readonly Token[], columns: TableColumns | null): Token | null {
  const last = tokens[tokens.length - 1];
  if (!columns || last?.kind !== 'row' || !last.cells) return null;
  return last.cells.length < columns.count ? last : null;
}

/** Lines → tokens: noise dropped, document end detected, table rows recognised after a header. */
function tokenize(lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let columns: TableColumns | null = null;
  let structured = false;
  // A Quyết định's articles ("Điều 1.", "Điều 2.") state rules, not tasks: its body gives none,
  // only an attached plan or appendix after the signature does.
  let skipping = hasArticles(lines);
  let closed = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const folded = foldedLine(line);
    if (closed || skipping) {
      // A Quyết định that issues a plan: the plan ("KẾ HOẠCH …") after the signature is the body.
      if (skipping && closed && PLAN_TITLE.test(folded)) {
        skipping = false;
        closed = false;
        continue;
      }
      if (!APPENDIX.test(folded)) {
        if (skipping && !closed && CLOSING.some((re) => re.test(folded))) closed = true;
        continue;
      }
      closed = false;
      skipping = false;
      columns = null;
      structured = true;
      tokens.push({ kind: 'appendix', marker: 'PL', body: line, raw: line });
      continue;
    }
    if (WEB_STOP.some((re) => re.test(folded))) break;
    const role = lineRole(folded, structured);
    if (role === 'stop') {
      // The signature ends the directive; an appendix after it ("PHỤ LỤC", a task table) still counts.
      closed = true;
      continue;
    }
    if (role === 'noise') continue;
    const header = HEADER_HINT.test(folded) ? detectHeader(line) : null;
    if (header) {
      // A header repeated on a later page without its "STT" column ("Nội dung | Đơn vị thực hiện |
      // …") describes the same rows, which still start with their number: keep the full header.
      const partial = header.number === header.text && columns !== null && columns.count === header.count + 1;
      if (!partial) columns = header;
      continue;
    }
    const row = columns ? parseRow(line, columns) : null;
    const broken = openRow(tokens, columns);
    if (broken?.cells && columns && row === null && classifyLine(line).kind === 'para') {
      continueBrokenRow(broken.cells, line, columns.separator);
      continue;
    }
    if (row && columns) {
      structured = true;
      if (row.kind === 'section') tokens.push({ kind: 'row-section', marker: row.numeral, body: row.title, raw: line });
      else if (row.kind === 'task')
        tokens.push({ kind: 'row', marker: row.number, body: '', raw: line, cells: row.cells, columns });
      else if (row.kind === 'continuation') {
        const last = tokens[tokens.length - 1];
        if (last?.kind === 'row' && last.cells) mergeCells(last.cells, row.cells);
      }
      continue;
    }
    const token = classifyLine(line);
    if (token.kind !== 'para') structured = true;
    tokens.push(token);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Shape

/** Number of "1." items followed by "a)"/"1.1." children before the next "1." item. */
function countNumbersWithChildren(tokens: readonly Token[]): { numbers: number; withChildren: number } {
  let numbers = 0;
  let withChildren = 0;
  let current = false;
  let counted = false;
  let heading = false;
  for (const t of tokens) {
    if (t.kind === 'number') {
      numbers += 1;
      current = true;
      counted = false;
      heading = isHeadingLike(t.body);
    } else if (t.kind === 'para' && heading && current && !counted && isTaskDash(t.raw)) {
      // "1. Sở Y tế:" followed by "- …" bullets: a group heading over dash tasks.
      withChildren += 1;
      counted = true;
    } else if ((t.kind === 'letter' || t.kind === 'subnumber') && current && !counted) {
      withChildren += 1;
      counted = true;
    }
  }
  return { numbers, withChildren };
}

export function detectShape(tokens: readonly Token[]): Shape {
  if (tokens.some((t) => t.kind === 'roman' || t.kind === 'row-section')) return 'ROMAN';
  const { numbers, withChildren } = countNumbersWithChildren(tokens);
  if (numbers > 0) return withChildren > 0 && withChildren * 2 >= numbers ? 'NUMBERED' : 'FLAT';
  if (tokens.some((t) => t.kind === 'letter' || t.kind === 'subnumber')) return 'LETTERS';
  if (tokens.some((t) => t.kind === 'row')) return 'TABLE';
  return 'NONE';
}

// ---------------------------------------------------------------------------------------------
// Building

function newItem(t: Token, kind: ItemKind): Item {
  const item: Item = { kind, marker: t.marker, body: t.body, lines: [], children: [] };
  if (t.cells) item.cells = t.cells;
  if (t.columns) item.columns = t.columns;
  return item;
}

/** Adds a paragraph to an item; a bare "1." line takes the next paragraph as its body. */
function appendLine(item: Item, line: string): void {
  if (item.body === '' && item.lines.length === 0 && item.kind !== 'row') item.body = line;
  else item.lines.push(line);
}

function appendToBlock(block: Block, line: string): void {
  if (block.title === '' && block.intro.length === 0) block.title = line;
  else block.intro.push(line);
}

/** Does a "1.2." child belong under the "1." item? */
function isChildOf(child: Token, parent: Item): boolean {
  if (child.kind === 'letter') return parent.kind === 'number';
  return parent.kind === 'number' && child.marker.startsWith(`${parent.marker}.`);
}

/** State of the builder: the current block, item and child receiving paragraphs. */
type Cursor = { block: Block | null; item: Item | null; child: Item | null };

function addItem(cur: Cursor, t: Token, nested: boolean): void {
  const block = cur.block;
  if (!block) return;
  const kind: ItemKind =
    t.kind === 'row' ? 'row' : t.kind === 'letter' ? 'letter' : t.kind === 'subnumber' ? 'subnumber' : 'number';
  if (nested && cur.item && isChildOf(t, cur.item)) {
    cur.child = newItem(t, kind);
    cur.item.children.push(cur.child);
    return;
  }
  cur.item = newItem(t, kind);
  cur.child = null;
  block.items.push(cur.item);
}

function addParagraph(cur: Cursor, preamble: string[], raw: string): void {
  const target = cur.child ?? cur.item;
  if (target) appendLine(target, raw);
  else if (cur.block) appendToBlock(cur.block, raw);
  else preamble.push(raw);
}

function newBlock(numeral: string, title: string): Block {
  return { numeral, title, intro: [], items: [] };
}

/** ROMAN: sections at Roman lines; numbers are items, letters nest under them. */
function buildRoman(tokens: readonly Token[], skeleton: Skeleton): void {
  const cur: Cursor = { block: null, item: null, child: null };
  for (const t of tokens) {
    if (t.kind === 'roman' || t.kind === 'row-section') {
      cur.block = newBlock(t.marker, t.body);
      cur.item = null;
      cur.child = null;
      skeleton.blocks.push(cur.block);
    } else if (!cur.block) skeleton.preamble.push(t.raw);
    else if (t.kind === 'para') addParagraph(cur, skeleton.preamble, t.raw);
    else addItem(cur, t, t.kind === 'letter' || t.kind === 'subnumber');
  }
}

/** NUMBERED: sections at "1." lines; letters, "1.1." and table rows are items. */
function buildNumbered(tokens: readonly Token[], skeleton: Skeleton): void {
  const cur: Cursor = { block: null, item: null, child: null };
  for (const t of tokens) {
    if (t.kind === 'number') {
      cur.block = newBlock(t.marker, t.body);
      cur.item = null;
      cur.child = null;
      skeleton.blocks.push(cur.block);
    } else if (!cur.block) skeleton.preamble.push(t.raw);
    else if (t.kind === 'para') addParagraph(cur, skeleton.preamble, t.raw);
    else addItem(cur, t, false);
  }
}

/** FLAT / LETTERS / TABLE: one implicit section; paragraphs before the first item are preamble. */
function buildImplicit(tokens: readonly Token[], skeleton: Skeleton, top: ReadonlySet<TokenKind>): void {
  const block = newBlock('', '');
  const cur: Cursor = { block: null, item: null, child: null };
  for (const t of tokens) {
    if (top.has(t.kind)) {
      if (!cur.block) {
        cur.block = block;
        skeleton.blocks.push(block);
      }
      addItem(cur, t, false);
    } else if (!cur.block) skeleton.preamble.push(t.raw);
    else if (t.kind === 'para') addParagraph(cur, skeleton.preamble, t.raw);
    else addItem(cur, t, true);
  }
}

/**
 * Appendix ("PHỤ LỤC") after the body: only table rows are tasks there (an appendix that lists
 * companies or documents with "1.", "2." assigns nothing). Sections are "PL", or "PL.I", "PL.II"
 * for the Roman section rows of its table, so they never collide with the body's sections.
 */
function buildAppendix(tokens: readonly Token[], skeleton: Skeleton): void {
  let block: Block | null = null;
  let item: Item | null = null;
  for (const t of tokens) {
    if (t.kind === 'appendix') {
      block = newBlock('PL', '');
      item = null;
      skeleton.blocks.push(block);
    } else if ((t.kind === 'roman' || t.kind === 'row-section') && block) {
      block = newBlock(`PL.${t.marker}`, t.body);
      item = null;
      skeleton.blocks.push(block);
    } else if (t.kind === 'row' && block) {
      item = newItem(t, 'row');
      block.items.push(item);
    } else if (block && block.title === '' && !item) block.title = t.raw;
  }
}

/** Splits normalised lines into preamble, sections and items. */
export function buildSkeleton(lines: readonly string[]): Skeleton {
  const all = tokenize(lines);
  const cut = all.findIndex((t) => t.kind === 'appendix');
  const tokens = cut >= 0 ? all.slice(0, cut) : all;
  const shape = detectShape(tokens);
  const skeleton: Skeleton = { shape, preamble: [], blocks: [], articles: hasArticles(lines) };
  if (shape === 'ROMAN') buildRoman(tokens, skeleton);
  else if (shape === 'NUMBERED') buildNumbered(tokens, skeleton);
  else if (shape === 'FLAT') buildImplicit(tokens, skeleton, new Set(['number', 'row']));
  else if (shape === 'LETTERS') buildImplicit(tokens, skeleton, new Set(['letter', 'subnumber', 'row']));
  else if (shape === 'TABLE') buildImplicit(tokens, skeleton, new Set(['row']));
  else skeleton.preamble.push(...tokens.map((t) => t.raw));
  if (cut >= 0) buildAppendix(all.slice(cut), skeleton);
  return skeleton;
}

/** "- …", "– …", "• …" bullets (not "+ …", which details the bullet above). */
export const DASH_LINE = /^[-–—•]\s*(?=\S)/;

/**
 * A bullet that states a field of its parent task rather than a task of its own:
 * "- Cơ quan chủ trì: …", "- Thời gian thực hiện: …", "- Nội dung: …".
 */
export const FIELD_LINE =
  /^[-–—•+]?\s*(?:nội dung(?: thực hiện)?|(?:cơ quan|đơn vị)(?: chủ trì| thực hiện| phối hợp)(?: thực hiện)?|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành)?|sản phẩm|kết quả(?: đầu ra)?|kinh phí)\s*:/i;

/** A dash bullet that can be a task (not a field line of its parent). */
export function isTaskDash(line: string): boolean {
  const s = line.trim();
  return DASH_LINE.test(s) && !FIELD_LINE.test(s) && !LIABILITY_LINE.test(s);
}

/** "- Chịu trách nhiệm trước … nếu để xảy ra …": who answers for failures, not work to track. */
const LIABILITY_LINE =
  /^[-–—•]\s*(?:(?:người đứng đầu|thủ trưởng)[^.;:]{0,80}?)?chịu trách nhiệm trước (?:pháp luật|(?:chủ tịch|ủy ban|uỷ ban|ubnd)[^.;]*nếu)/i;

/**
 * A numbered line that only announces its sub-items: one sentence that ends with ":" or is short
 * without a full stop ("1. Cải cách thể chế", "2. Phòng Nội vụ chủ trì thực hiện các nội dung
 * sau:"). "5. Cải cách tài chính công. Phòng X hướng dẫn …, hoàn thành trước … Trong đó:" is a
 * task with details, not a heading: it has a sentence of its own before the colon.
 */
export function isHeadingLike(body: string): boolean {
  const s = body.trim();
  if (/[.!?]\s+\S/.test(s)) return false;
  if (s.endsWith(':')) return true;
  return s.split(/\s+/).length <= 12 && !/[.;]$/.test(s);
}
