/**
 * Text normalisation for pasted directives: Unicode NFC, line endings, odd spaces, HTML pasted
 * from a browser, and a diacritic-free "folded" copy used for matching.
 *
 * Every function here is linear in the input: a 1 MB paste must stay fast, so no regex with
 * nested quantifiers, and HTML comments/scripts are removed with indexOf loops instead of lazy
 * regexes (an unclosed "<!--" repeated many times would make a lazy regex quadratic).
 */

/** Characters that are invisible in a browser but break word matching. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F]/g;
/** Non-breaking and typographic spaces: all become a plain space. Tabs are kept (table cells). */
const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** Every dash a word processor may produce, folded to "-" for matching only. */
const DASH_LIKE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bull: '•',
  middot: '·',
  deg: '°',
  percnt: '%',
  shy: '',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  igrave: 'ì',
  iacute: 'í',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ugrave: 'ù',
  uacute: 'ú',
  yacute: 'ý',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Igrave: 'Ì',
  Iacute: 'Í',
  Ograve: 'Ò',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Ugrave: 'Ù',
  Uacute: 'Ú',
  Yacute: 'Ý',
};

/** Decodes HTML character references. Unknown names and invalid code points are left as they are. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const cp = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
      return valid ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** True when the text contains real HTML markup (not just a stray "<" in "< 5%"). */
export function looksLikeHtml(s: string): boolean {
  return /<\/?(?:p|div|br|span|table|tbody|tr|td|th|li|ul|ol|strong|b|em|i|u|h[1-6]|a|body|html|font|section|article|meta)\b[^<>]{0,500}>/i.test(
    s,
  );
}

/** Removes every `open … close` block (comments, scripts), case-insensitively, without regex. */
function removeBlocks(s: string, open: string, close: string): string {
  const lower = s.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const start = lower.indexOf(open, from);
    if (start < 0) break;
    const end = lower.indexOf(close, start + open.length);
    out += s.slice(from, start);
    if (end < 0) return out; // unclosed: drop the rest, as a browser would not render it either
    from = end + close.length;
  }
  return out + s.slice(from);
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'tr',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'caption',
  'figure',
  'figcaption',
  'nav',
  'aside',
  'main',
  'form',
  'hr',
]);

/** Marks the start of a table cell while converting HTML; turned into " | " afterwards. */
const CELL_MARK = '\u0001';

type ListState = { ordered: boolean; letters: boolean; counter: number };

/** The marker a browser would draw in front of a list item ("1. ", "a) ", "- "). */
function listMarker(list: ListState | undefined): string {
  if (!list || !list.ordered) return '- ';
  list.counter += 1;
  if (list.letters) return `${String.fromCharCode(96 + Math.min(list.counter, 26))}) `;
  return `${list.counter}. `;
}

function openList(tag: string, attrs: string): ListState {
  const type = /\btype\s*=\s*["']?([aA1iI])/.exec(attrs)?.[1];
  const start = Number.parseInt(/\bstart\s*=\s*["']?(\d{1,3})/.exec(attrs)?.[1] ?? '1', 10);
  return { ordered: tag === 'ol', letters: type === 'a' || type === 'A', counter: start - 1 };
}

/** One tag of the HTML → its plain-text replacement (updates the list stack). */
function tagToText(closing: boolean, tag: string, attrs: string, lists: ListState[]): string {
  if (tag === 'br') return '\n';
  if (tag === 'td' || tag === 'th') return closing ? '' : CELL_MARK;
  if (tag === 'li') return closing ? '\n' : `\n${listMarker(lists[lists.length - 1])}`;
  if (tag === 'ol' || tag === 'ul') {
    if (closing) lists.pop();
    else lists.push(openList(tag, attrs));
    return '\n';
  }
  return BLOCK_TAGS.has(tag) ? '\n' : '';
}

/** Joins the cells of a converted table row with " | " so the table parser sees one row a line. */
function joinCells(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes(CELL_MARK)) return line;
      const cells = line.split(CELL_MARK).map((c) => c.trim());
      if (cells[0] === '') cells.shift();
      return cells.join(' | ');
    })
    .join('\n');
}

/**
 * Converts HTML (as pasted from a browser's "view source" or a rich-text clipboard) to text the
 * way a browser renders it: source line breaks are spaces, block tags break lines, <ol>/<li> get
 * their visible numbers back (otherwise the task numbering would be lost), table cells become
 * " | "-separated rows.
 */
export function htmlToText(html: string): string {
  let s = removeBlocks(html, '<!--', '-->');
  for (const tag of ['script', 'style', 'head', 'noscript', 'template']) {
    s = removeBlocks(s, `<${tag}`, `</${tag}>`);
  }
  s = s.replace(/[\n\t]+/g, ' ');
  const lists: ListState[] = [];
  s = s.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]{0,15})\b([^<>]*)>/g, (_m, slash: string, name: string, attrs: string) =>
    tagToText(slash === '/', name.toLowerCase(), attrs, lists),
  );
  // Stray doctype / processing instructions.
  s = s.replace(/<[!?][^<>]*>/g, '');
  return joinCells(s);
}

/**
 * Normalises pasted directive text: NFC, LF line endings, HTML → text, entities, odd spaces,
 * invisible characters; collapses runs of spaces and trims each line (tabs inside a line are
 * kept because they separate table cells). Glued words are not touched.
 */
export function normalizeDirectiveText(raw: string): string {
  let s = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\f\v\u0085]/g, '\n');
  if (looksLikeHtml(s)) s = htmlToText(s);
  s = decodeEntities(s).normalize('NFC');
  s = s.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ');
  return s
    .split('\n')
    .map((line) =>
      line
        .replace(/ {2,}/g, ' ')
        .replace(/^[ \t]+$/, '')
        .replace(/^ +| +$/g, ''),
    )
    .join('\n');
}

/**
 * Folding table for the Basic Multilingual Plane, filled lazily: code unit → folded code unit
 * (0 = not computed yet). A typed array lookup keeps folding a megabyte in milliseconds; a
 * per-character regex callback was the parser's hottest spot.
 */
const FOLD_TABLE = new Uint16Array(65536);

/** Folds one UTF-16 unit to one lower-case unit: "Ệ" → "e", "đ" → "d", "–" → "-". */
function foldUnitCode(code: number): number {
  const cached = FOLD_TABLE[code] ?? 0;
  if (cached !== 0) return cached;
  const ch = String.fromCharCode(code);
  let out: string;
  if (code < 0x80) out = ch.toLowerCase();
  else if (ch === 'đ' || ch === 'Đ') out = 'd';
  else if (DASH_LIKE.test(ch)) out = '-';
  else if (code >= 0x300 && code <= 0x36f)
    out = ' '; // a combining mark NFC could not compose
  else if (code >= 0xd800 && code <= 0xdfff)
    out = ch; // half of a surrogate pair: keep
  else {
    const base = (ch.normalize('NFD')[0] ?? ch).toLowerCase();
    out = base.length === 1 ? base : ch;
  }
  const folded = out.charCodeAt(0);
  FOLD_TABLE[code] = folded === 0 ? code : folded;
  return FOLD_TABLE[code] ?? code;
}

/**
 * Diacritic-free lower-case copy of an NFC string with EXACTLY the same length, so an index found
 * in the folded copy is valid in the original (the parser matches on the folded copy and slices
 * the original for display).
 */
export function foldSameLength(s: string): string {
  const chunk = 8192;
  let out = '';
  const codes = new Array<number>(Math.min(chunk, s.length));
  for (let start = 0; start < s.length; start += chunk) {
    const end = Math.min(s.length, start + chunk);
    codes.length = end - start;
    for (let i = start; i < end; i++) codes[i - start] = foldUnitCode(s.charCodeAt(i));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Folded text reduced to words: "Phòng Tài chính – Kế hoạch" → "phong tai chinh ke hoach". */
export function foldWords(s: string): string {
  return foldSameLength(s.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
