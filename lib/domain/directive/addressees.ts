/**
 * Who must do a task: the lead unit ("Giao phòng Nội vụ chủ trì", "Phòng văn hóa - thông tin chỉ
 * đạo", "Phòng Tư pháp: …", "(Phòng Tư pháp chủ trì)"), the coordinating units ("phối hợp với …")
 * and collective addressees ("Các đơn vị, địa phương …" → ALL).
 *
 * Decisions:
 * - A collective phrase counts as the task's addressee only where the sentence starts with it
 *   (after "Giao", "Yêu cầu", "Đề nghị" or a fronted "Hàng năm,"). Inside "phối hợp với …" the
 *   same words are partners of a lead, not addressees: seed task I.2 "Giao phòng Nội vụ chủ trì,
 *   phối hợp với các phòng, ban, ngành thành phố, các đơn vị, phường, xã có liên quan" has lead NV,
 *   collective null, and two coordinators that are groups (unitCode null, confidence 0) so the
 *   reviewer sees them and can expand them if wanted.
 * - "chỉ đạo" makes a lead only when the unit opens the sentence ("Phòng X chỉ đạo, …"); "chủ trì"
 *   makes a lead wherever the unit comes right before it ("do Phòng X chủ trì", "(Phòng X chủ trì)").
 * - A task that names neither lead nor collective is left with both null here; the parser then
 *   applies the heading's addressee or the directive-wide default (see parse-directive.ts).
 */
import { foldSameLength, foldWords } from './normalize';
import { trimChars, trimEnd } from './text-utils';
import type { Collective, ParsedUnitRef } from './types';
import { UNMATCHED_CONFIDENCE, type UnitMatcher, unitHead } from './unit-matcher';

export type Addressees = {
  lead: ParsedUnitRef | null;
  /** Units named as leads together with `lead` (the first of the list). */
  coLeads?: ParsedUnitRef[];
  coordinators: ParsedUnitRef[];
  collective: Collective;
};

/** Longest phrase we analyse; directives put addressees in the first lines of a task. */
const MAX_SCAN = 3000;

// ---------------------------------------------------------------------------------------------
// Collective groups

const PERSON_PREFIXES = ['nguoi dung dau', 'thu truong', 'lanh dao', 'chu tich', 'giam doc', 'truong'];
const GROUP_WORDS = new Set([
  // A province writes "các sở, ban, ngành tỉnh" and "UBND các xã, phường, đặc khu".
  'so',
  'tinh',
  'dac',
  'khu',
  'cac',
  'co',
  'quan',
  'don',
  'vi',
  'dia',
  'phuong',
  'phong',
  'ban',
  'nganh',
  'xa',
  'thi',
  'tran',
  'ubnd',
  'uy',
  'nhan',
  'dan',
  'chuyen',
  'mon',
  'thuoc',
  'truc',
  'thanh',
  'pho',
  'va',
  'doan',
  'the',
  'hoi',
  'lien',
  'to',
  'chuc',
  'tren',
  'tham',
  'muu',
  'giup',
  'viec',
  'cung',
  'cap',
  // "Thủ trưởng các phòng, ban, ngành và Chủ tịch UBND các phường, xã": one addressee phrase.
  'chu',
  'tich',
  'thu',
  'truong',
  'nguoi',
  'dung',
  'dau',
]);
const DEPT_WORDS = new Set(['phong', 'ban', 'nganh', 'chuyen', 'so']);
const PLACE_WORDS = new Set(['phuong', 'xa', 'tran']);

export type GroupMatch = { collective: Exclude<Collective, null>; words: number };

/**
 * Classifies a phrase that starts with a collective addressee, or returns null.
 * "các đơn vị, địa phương" / "Người đứng đầu các đơn vị, địa phương" / "các cơ quan, đơn vị" → ALL,
 * "UBND các phường, xã" / "các phường, xã" / "các địa phương" → WARDS_COMMUNES,
 * "các phòng, ban, ngành" / "các phòng chuyên môn" → DEPARTMENTS; a phrase naming both kinds → ALL.
 */
export function classifyGroup(text: string): GroupMatch | null {
  const key = text.slice(0, 300);
  const cached = groupCache.get(key);
  if (cached !== undefined) return cached;
  const result = computeGroup(key);
  if (groupCache.size > 5000) groupCache.clear();
  groupCache.set(key, result);
  return result;
}

/** Phrases repeat a lot (every task re-reads its list pieces): memoise, bounded. */
const groupCache = new Map<string, GroupMatch | null>();

function computeGroup(text: string): GroupMatch | null {
  const words = foldWords(text).split(' ');
  let i = 0;
  let qualified = false;
  const prefix = PERSON_PREFIXES.find((p) => words.slice(0, p.split(' ').length).join(' ') === p);
  if (prefix) {
    i += prefix.split(' ').length;
    qualified = true;
  }
  if (words[i] === 'ubnd') i += 1;
  else if (words.slice(i, i + 4).join(' ') === 'uy ban nhan dan') i += 4;
  const ubnd = i > (prefix ? prefix.split(' ').length : 0);
  if (words[i] === 'cac') qualified = true;
  // "UBND phường, xã" is a group but "UBND phường Thạch Linh" is one ward: without "các", the
  // place word must be followed by another one.
  else if (ubnd && PLACE_WORDS.has(words[i] ?? '') && PLACE_WORDS.has(words[i + 1] ?? '')) qualified = true;
  // "UBND 04 xã: Gia Thuận, Tân Điền …": a count of communes is a group of them.
  else if (ubnd && /^\d{1,3}$/.test(words[i] ?? '') && PLACE_WORDS.has(words[i + 1] ?? '')) {
    i += 1;
    qualified = true;
  }
  // "sở, ngành có liên quan", "ban, ngành", "xã, phường": two kinds of body joined without "các"
  // are a group too; "Sở Tài chính", "phường Thạch Linh" (a name follows) are not.
  else if (
    (DEPT_WORDS.has(words[i] ?? '') || PLACE_WORDS.has(words[i] ?? '')) &&
    (DEPT_WORDS.has(words[i + 1] ?? '') || PLACE_WORDS.has(words[i + 1] ?? '')) &&
    words[i] !== words[i + 1]
  )
    qualified = true;
  if (!qualified) return null;
  let dept = false;
  let place = false;
  let unit = false;
  let j = i;
  for (; j < words.length && GROUP_WORDS.has(words[j] ?? ''); j++) {
    const w = words[j] ?? '';
    if (DEPT_WORDS.has(w)) dept = true;
    if (PLACE_WORDS.has(w)) place = true;
    if (w === 'vi' || w === 'quan') unit = true; // đơn vị, cơ quan
  }
  if (!dept && !place && !unit) return null;
  const collective = place ? (dept || unit ? 'ALL' : 'WARDS_COMMUNES') : dept ? 'DEPARTMENTS' : 'ALL';
  return { collective, words: j };
}

// ---------------------------------------------------------------------------------------------
// Unit references

/** Trims spaces, list punctuation and a trailing "có liên quan" from a unit phrase. */
function cleanUnitText(text: string): string {
  let s = trimChars(text, ' \t\n,;:.–—-');
  // "Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)": the body it belongs to is not its name.
  if (!s.startsWith('(')) s = s.replace(/\s*\([^()]*\)$/, '');
  s = s.replace(/^(?:và|với|cùng|cho)\s+/i, '');
  s = s.replace(/\s(?:có liên quan|liên quan)$/i, '');
  s = s.replace(/\s(?:và|hoặc|với)$/i, '');
  return s.trim();
}

/** Builds the reference for one phrase: a group (null, 0), a registry unit, or an outside body. */
export function unitRef(text: string, matcher: UnitMatcher): ParsedUnitRef {
  const clean = cleanUnitText(text);
  if (classifyGroup(clean)) return { text: clean, unitCode: null, confidence: 0 };
  const m = matcher.match(clean);
  if (m.unitCode) return { text: clean, unitCode: m.unitCode, confidence: m.confidence };
  return { text: clean, unitCode: null, confidence: UNMATCHED_CONFIDENCE };
}

/** Does the phrase name a body (registry unit, known kind of body, or a group)? */
export function looksLikeUnit(text: string, matcher: UnitMatcher): boolean {
  const clean = cleanUnitText(text);
  if (clean === '' || clean.split(/\s+/).length > 16) return false;
  return unitHead(clean) !== null || classifyGroup(clean) !== null || matcher.match(clean).unitCode !== null;
}

/** Words that end a list of partner units: the sentence goes on with what they do. */
const LIST_STOP = new RegExp(
  String.raw`\s(?:trinh\s+(?:cap|ubnd|uy\s+ban|hdnd|chu\s+tich|thu\s+tuong|bo)|co\s+lien\s+quan|lien\s+quan|can\s+cu|tham\s+muu|trien\s+khai|thuc\s+hien|to\s+chuc(?!\s+thanh\s+uy)|(?<!so\s)xay\s+dung|de|nham|ra\s+soat|kiem\s+tra|theo\s+doi|huong\s+dan|de\s+xuat|tuyen\s+truyen|trong|hoan\s+thanh|bao\s+dam|dam\s+bao|theo|tong\s+hop|bao\s+cao|giai\s+quyet|cap\s+nhat|van\s+hanh|nghien\s+cuu|danh\s+gia|tiep\s+tuc|day\s+manh|tang\s+cuong|quan\s+triet|ban\s+hanh|chuan\s+bi|lap|soan\s+thao|chu\s+dong|khan\s+truong|kip\s+thoi|xem\s+xet|don\s+doc|(?<!ban\s)chi\s+dao|ho\s+tro|cung\s+cap|khac\s+phuc|dua\s+tin|phat\s+dong|bo\s+tri|huy\s+dong)(?![a-z])`,
);

/** Commas inside group names ("các phòng, ban, ngành", "phường, xã") must not split the list. */
function protectGroupCommas(folded: string): string {
  return folded.replace(
    /(so|phong|ban|nganh|don vi|co quan|phuong|xa|dia phuong|thi tran)(\s*),(?=\s*(?:ban|nganh|don vi|dia phuong|phuong|xa|thi tran|co quan|dac khu)(?![a-z]))/g,
    (_m, w: string, sp: string) => `${w}${sp}~`,
  );
}

/** Capitalised heads that may start a new unit inside a comma-less run ("… truyền thông Đài …"). */
const INNER_HEADS =
  /\s(?=(?:Đài|Báo|Cổng|Sở|Trung tâm|Công an|Thanh tra|Văn phòng|UBND|Ủy ban|Uỷ ban|Phường|Xã|Ban)\s)|(?<!Văn)\s(?=Phòng\s)/g;

/** Splits "A và B" when B starts with a head ("Phòng Nội vụ và Phòng Tư pháp"); not "Đài Phát thanh và Truyền hình". */
function splitOnAnd(piece: string, matcher: UnitMatcher): string[] {
  if (matcher.matchStrict(piece).unitCode) return [piece];
  const parts = piece.split(/\s+và\s+/);
  if (parts.length === 1) return [piece];
  const out: string[] = [parts[0] ?? ''];
  for (const part of parts.slice(1)) {
    if (unitHead(part) !== null || classifyGroup(part) || matcher.matchStrict(part).unitCode) out.push(part);
    else out[out.length - 1] = `${out[out.length - 1] ?? ''} và ${part}`;
  }
  return out;
}

/** Splits "Trung tâm văn hóa – truyền thông Đài Phát thanh …" where a comma was lost. */
function splitOnInnerHeads(piece: string, matcher: UnitMatcher): string[] {
  if (matcher.matchStrict(piece).unitCode || classifyGroup(piece)) return [piece];
  const out: string[] = [];
  let from = 0;
  INNER_HEADS.lastIndex = 0;
  for (let m = INNER_HEADS.exec(piece); m !== null; m = INNER_HEADS.exec(piece)) {
    const left = piece.slice(from, m.index);
    if (left.trim().split(/\s+/).length >= 2) {
      out.push(left);
      from = m.index + 1;
    }
  }
  out.push(piece.slice(from));
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

export type UnitList = {
  refs: ParsedUnitRef[];
  /** False when the list stopped at a piece that names no body. */
  complete: boolean;
};

/**
 * Splits a list of units ("Phòng Tư pháp, Phòng Nội vụ và UBND các phường, xã có liên quan")
 * into references. The list ends at the first piece that does not name a body, or at the first
 * verb-like word after the last unit ("… có liên quan căn cứ Nghị quyết …").
 */
export function readUnitList(text: string, matcher: UnitMatcher, options: { stopAtVerbs?: boolean } = {}): UnitList {
  const original = text.slice(0, MAX_SCAN);
  const folded = protectGroupCommas(foldSameLength(original));
  const refs: ParsedUnitRef[] = [];
  let from = 0;
  const cuts = [...folded.matchAll(/[,;\n+]/g)].map((m) => m.index ?? 0);
  cuts.push(original.length);
  for (const cut of cuts) {
    let piece = original.slice(from, cut);
    const foldedPiece = ` ${folded.slice(from, cut)}`;
    from = cut + 1;
    let last = false;
    if (options.stopAtVerbs !== false) {
      const stop = LIST_STOP.exec(foldedPiece);
      if (stop) {
        piece = piece.slice(0, Math.max(0, stop.index));
        last = true;
      }
    }
    const read = readPiece(cleanUnitText(piece), matcher);
    const previous = refs[refs.length - 1];
    // "Sở Văn hóa, Thể thao và Du lịch": a short capitalised piece after a body outside the
    // registry continues its name rather than ending the list.
    if (
      read.end === 'not-a-unit' &&
      read.refs.length === 0 &&
      previous &&
      previous.unitCode === null &&
      previous.confidence > 0 &&
      continuesName(piece)
    ) {
      refs[refs.length - 1] = { ...previous, text: `${previous.text}, ${cleanUnitText(piece)}` };
      continue;
    }
    refs.push(...read.refs);
    if (read.end === 'not-a-unit') return { refs, complete: false };
    if (last || read.end === 'verb') break;
  }
  return { refs, complete: true };
}

type PieceEnd = 'more' | 'verb' | 'not-a-unit';

/** "Thể thao và Du lịch", "khu kinh tế", "Truyền hình Đồng Nai": the rest of a name cut at a comma. */
function continuesName(piece: string): boolean {
  const words = piece.trim().split(/\s+/);
  return words.length >= 1 && words.length <= 6 && !LIST_STOP.test(` ${foldSameLength(piece)}`);
}

/** Longest opening run of words that is a registry name ("Phòng Tư pháp" in "Phòng Tư pháp rà soát …"). */
function registryPrefix(words: readonly string[], matcher: UnitMatcher): number {
  if (!matcher.startsName(words.slice(0, 3).join(' '))) return 0;
  for (let n = Math.min(words.length, 14); n >= 1; n--) {
    // "và" is dropped from keys, so "phường Văn Yên và" would match too; never end on a connector.
    if (/^(?:và|với|cùng)$/i.test(words[n - 1] ?? '')) continue;
    if (matcher.matchStrict(words.slice(0, n).join(' ')).unitCode) return n;
  }
  return 0;
}

/** Number of whitespace words covering the first `folded` words of a group phrase. */
function wordsCovering(words: readonly string[], folded: number): number {
  for (let n = 1; n <= words.length; n++) {
    if (foldWords(words.slice(0, n).join(' ')).split(' ').length >= folded) return n;
  }
  return words.length;
}

/**
 * Reads one comma-separated piece of a unit list. A registry name at its start is taken whole
 * (so "Văn phòng HĐND và UBND thành phố" is not split at "và"); what follows it is either more
 * units after "và" or the verb phrase that ends the list ("Phòng Tư pháp rà soát …"). A piece with
 * no registry name is split at "và" / inner heads and kept if every part names some body.
 */
function readPiece(piece: string, matcher: UnitMatcher): { refs: ParsedUnitRef[]; end: PieceEnd } {
  const words = piece.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { refs: [], end: 'more' };
  // A group first: "UBND các phường, xã" must not be read as the registry unit "UBND".
  const group = classifyGroup(piece);
  if (group) {
    const n = wordsCovering(words, group.words);
    const ref = unitRef(words.slice(0, n).join(' '), matcher);
    if (n === words.length) return { refs: [ref], end: 'more' };
    if (words[n]?.toLowerCase() !== 'và') return { refs: [ref], end: 'verb' };
    const more = readPiece(words.slice(n + 1).join(' '), matcher);
    return { refs: [ref, ...more.refs], end: more.end === 'not-a-unit' ? 'verb' : more.end };
  }
  const n = registryPrefix(words, matcher);
  if (n > 0) {
    const head = unitRef(words.slice(0, n).join(' '), matcher);
    if (n === words.length) return { refs: [head], end: 'more' };
    const rest = words.slice(n);
    if (rest[0]?.toLowerCase() !== 'và') return { refs: [head], end: 'verb' };
    const more = readPiece(rest.slice(1).join(' '), matcher);
    return { refs: [head, ...more.refs], end: more.end === 'not-a-unit' ? 'verb' : more.end };
  }
  const refs: ParsedUnitRef[] = [];
  for (const part of splitOnAnd(piece, matcher).flatMap((p) => splitOnInnerHeads(p, matcher))) {
    if (cleanUnitText(part) === '') continue;
    if (!looksLikeUnit(part, matcher)) return { refs, end: 'not-a-unit' };
    refs.push(unitRef(part, matcher));
  }
  return { refs, end: 'more' };
}

/** The references of a unit list (see readUnitList). */
export function splitUnitList(
  text: string,
  matcher: UnitMatcher,
  options: { stopAtVerbs?: boolean } = {},
): ParsedUnitRef[] {
  return readUnitList(text, matcher, options).refs;
}

// ---------------------------------------------------------------------------------------------
// Lead and coordinators in running text

/** Openers before the addressee: "Giao", "Yêu cầu", "Đề nghị", "Hàng năm,", "Định kỳ hằng quý,". */
const OPENER =
  /^(?:\s*(?:giao(?:\s+cho)?|yeu\s+cau|de\s+nghi|chi\s+dao)\s*:?\s+|\s*(?:hang|moi|dinh\s+ky)(?:\s+(?:hang|moi))?\s+(?:nam|quy|thang|ngay|tuan)\s*,\s*)/;

const LEAD_VERB =
  /(?<![a-z])(?:la\s+co\s+quan\s+(?:chu\s*tri|thuong\s+truc|dau\s+moi)|chu\s*tri|chi\s*dao|tham\s*muu|chiu\s+trach\s+nhiem|co\s+trach\s+nhiem)(?![a-z])/;

/** End of the sentence that starts at `from`. */
function sentenceEnd(folded: string, from: number): number {
  const m = /[.;!?](?:\s|$)|\n/.exec(folded.slice(from));
  return m ? from + m.index : folded.length;
}

/**
 * After a short label that opens the task ("Cải cách tài chính công. Phòng X hướng dẫn…",
 * "Cải cách thể chế: Phòng Tư pháp chủ trì…"), the position where the real sentence starts.
 */
function afterLabel(folded: string, from: number): number | null {
  const m = /[.:](?:\s|$)/.exec(folded.slice(from, from + 120));
  if (!m) return null;
  const label = folded.slice(from, from + m.index).trim();
  if (label === '' || label.split(/\s+/).length > 8) return null;
  return from + m.index + m[0].length;
}

/** A lead and the units named together with it ("Phòng Kinh tế và Phòng Quản lý đô thị chủ trì"). */
type LeadFound = { lead: ParsedUnitRef; with: ParsedUnitRef[] };

/** Lead (first) and co-addressees (the rest) of a run of unit names; null unless all are bodies. */
function leadFromList(phrase: string, matcher: UnitMatcher): LeadFound | null {
  if (matcher.matchStrict(cleanUnitText(phrase)).unitCode) return { lead: unitRef(phrase, matcher), with: [] };
  const { refs, complete } = readUnitList(phrase, matcher, { stopAtVerbs: false });
  const [first, ...rest] = refs;
  if (!complete || !first || classifyGroup(first.text)) return null;
  return { lead: first, with: rest };
}

/** "Phòng Nội vụ chủ trì…" / "Giao phòng Nội vụ chủ trì…" / "Phòng văn hóa - thông tin chỉ đạo…". */
function leadBeforeVerb(
  original: string,
  folded: string,
  start: number,
  end: number,
  matcher: UnitMatcher,
): LeadFound | null {
  const verb = LEAD_VERB.exec(folded.slice(start, Math.min(end, start + 200)));
  if (!verb || verb.index === 0) return null;
  const phrase = original.slice(start, start + verb.index);
  if (phrase.trim().split(/\s+/).length > 16) return null;
  // "Báo cáo Ban Chỉ đạo …": "Báo" heads a newspaper's name, never "báo cáo".
  if (/^\s*bao\s+cao(?![a-z])/.test(folded.slice(start, start + 12))) return null;
  // "Căn cứ vào điều kiện thực tiễn … tham mưu": a sentence that opens with a verb names no lead.
  if (!matcher.startsName(phrase) && !classifyGroup(phrase)) return null;
  return leadFromList(phrase, matcher);
}

/**
 * "Phòng Tư pháp rà soát…" / "Phòng Nội vụ: …": the longest opening words naming a registry unit,
 * plus the units listed right after it ("UBND phường Thạch Linh, phường Văn Yên và xã Thạch Trung
 * xây dựng…": the first is the lead, the others are co-addressees).
 */
function leadAtStart(
  original: string,
  folded: string,
  start: number,
  end: number,
  matcher: UnitMatcher,
): LeadFound | null {
  // "Sở Văn hóa, Thể thao và Du lịch: Chủ trì …": a unit name (with its own commas) before a colon.
  const label = /^\s*([^:.;]{3,120}):\s/.exec(original.slice(start, Math.min(end, start + 130)))?.[1];
  if (label && !matcher.matchStrict(label).unitCode && unitNamePhrase(label) !== null && !classifyGroup(label)) {
    return { lead: unitRef(label, matcher), with: [] };
  }
  const stop = /[,;:.(]/.exec(folded.slice(start, end));
  const clause = original.slice(start, stop ? start + stop.index : end);
  const words = clause.trim().split(/\s+/).slice(0, 12);
  if (unitHead(words.slice(0, 4).join(' ')) === null) return null;
  for (let n = words.length; n >= 1; n--) {
    const candidate = words.slice(0, n).join(' ');
    if (!matcher.matchStrict(candidate).unitCode) continue;
    const at = original.indexOf(candidate, start);
    const after = at >= 0 ? original.slice(at + candidate.length, end) : '';
    const more = /^\s*(?:,|và\s)/.test(after) ? readUnitList(after.split('(')[0] ?? '', matcher).refs : [];
    return { lead: unitRef(candidate, matcher), with: more.filter((r) => !classifyGroup(r.text)) };
  }
  // "Công an thành phố: …": a body outside the registry that heads the task with a colon.
  if (stop && folded[start + stop.index] === ':' && words.length <= 8)
    return { lead: unitRef(clause, matcher), with: [] };
  // "Sở Tài chính tổng hợp báo cáo …": a body outside the registry as the subject of a verb.
  const verb = LIST_STOP.exec(` ${foldSameLength(clause)}`);
  // "Chỉ đạo Bộ phận X hướng dẫn …": X is directed by the task's lead, it does not lead.
  const directed = /chi\s+dao\s*$/.test(folded.slice(Math.max(0, start - 12), start));
  if (verb && verb.index > 0 && !directed) {
    const subject = clause.slice(0, verb.index).trim();
    if (unitNamePhrase(subject) !== null) return { lead: unitRef(subject, matcher), with: [] };
  }
  // "Sở Tài chính, Sở Xây dựng, … có trách nhiệm …": the first of a list of bodies outside the registry.
  if (
    !verb &&
    !directed &&
    stop &&
    folded[start + stop.index] === ',' &&
    /^(?:so|ban|cong an|uy ban|ubnd)\s/.test(foldWords(clause))
  ) {
    if (unitNamePhrase(clause) !== null) return { lead: unitRef(clause, matcher), with: [] };
  }
  return null;
}

/** Words a unit name may start with, after an optional title ("Giám đốc", "Thủ trưởng") and "các". */
const UNIT_START =
  /^(?:(?:giam doc|thu truong|chu tich|nguoi dung dau|lanh dao)\s+)?(?:cac\s+)?(?:so|ban|phong|uy ban|ubnd|cong an|bo chi huy|thanh tra|van phong|trung tam|bao(?= va | dien tu | nhan dan )|dai|co quan|don vi|chu rung|doan the|to chuc chinh tri|hoi|hiep hoi|lien minh|mat tran|bao hiem|bhxh|kho bac|chi cuc|chi nhanh|thue|co so|benh vien|vien|toa an|quy|dia phuong|xa|phuong|huyen|tinh)(?![a-z])/;

/** Does the text open with a unit name or a group of units ("Sở …", "Các Sở, ngành …", "UBND …")? */
export function startsWithUnitName(text: string): boolean {
  return UNIT_START.test(foldWords(text.slice(0, 120)));
}

/** Verbs: a phrase that contains one is a sentence, not a name. */
const NAME_BREAKER =
  /(?<![a-z])(?:thuc hien|trien khai|tham muu|phoi hop|(?<!so )xay dung|tang cuong|chi dao|co trach nhiem|chiu trach nhiem|to chuc thuc hien|can cu|ra soat|kiem tra|theo doi|huong dan|bao cao|tong hop|de xuat|tuyen truyen|hoan thanh|ban hanh|nghien cuu|danh gia|yeu cau|quan triet|trinh (?:cap|ubnd|uy ban|hdnd|chu tich|thu tuong|bo))(?![a-z])/;

/**
 * The unit a short phrase names, as written, when the phrase is nothing but a unit name, possibly
 * one outside the registry ("Sở Nông nghiệp và Môi trường:", "Giao Sở Y tế", "Các chủ rừng là
 * tổ chức (các Ban quản lý rừng…)"); null for a sentence or a phrase that names no body.
 */
export function unitNamePhrase(text: string): string | null {
  let clean = text
    .slice(0, 400)
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ');
  clean = trimChars(clean, ' \t\n,;:.–—-');
  clean = clean.replace(/^(?:giao(?:\s+cho)?|đề nghị|yêu cầu)\s*:?\s+/i, '');
  const words = clean.split(' ').filter((w) => w !== '');
  if (words.length === 0 || words.length > 24) return null;
  const folded = foldWords(clean);
  if (!UNIT_START.test(folded)) return null;
  const breaker = NAME_BREAKER.exec(folded);
  if (breaker && breaker.index > 0) return null;
  return clean;
}

/** Longest run of closing words that names a body: "Tổ chức tuyên truyền do Phòng X" → "Phòng X". */
function unitSuffix(phrase: string, matcher: UnitMatcher): string | null {
  const words = phrase
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  for (let k = Math.min(words.length, 12); k >= 1; k--) {
    const candidate = words.slice(words.length - k).join(' ');
    const named = unitHead(candidate) !== null || matcher.matchStrict(candidate).unitCode !== null;
    if (named && !classifyGroup(candidate) && looksLikeUnit(candidate, matcher)) return candidate;
  }
  return null;
}

/** "(Phòng Tư pháp chủ trì, …)", "… do Phòng Kinh tế chủ trì": a unit right before "chủ trì". */
function leadBeforeChuTri(original: string, folded: string, matcher: UnitMatcher): LeadFound | null {
  const re = /(?<![a-z])chu\s*tri(?![a-z])/g;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const windowStart = Math.max(0, m.index - 120);
    const window = folded.slice(windowStart, m.index);
    // The phrase starts after the last punctuation (or "Giao") before "chủ trì".
    let from = windowStart;
    for (const d of window.matchAll(/[(.;:,\n]|(?<![a-z])giao(?:\s+cho)?\s/g))
      from = windowStart + (d.index ?? 0) + d[0].length;
    const suffix = unitSuffix(original.slice(from, m.index), matcher);
    if (suffix) return { lead: unitRef(suffix, matcher), with: [] };
  }
  return null;
}

/** "giao ban", "giao dịch", "giao thông", "giáo dục"…: words starting with "giao" that assign nothing. */
const NOT_ASSIGNMENT = /^(?:ban|dich|thong|duc|nhan|tiep|luu|dien|ket)(?![a-z])/;

/** "… Giao Phòng Kinh tế thực hiện." later in the task. */
function leadAfterGiao(original: string, folded: string, matcher: UnitMatcher): LeadFound | null {
  const re = /(?<![a-z])giao\s+(?:cho\s+)?/g;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const at = m.index + m[0].length;
    if (NOT_ASSIGNMENT.test(folded.slice(at, at + 8))) continue;
    const found = leadAtStart(original, folded, at, Math.min(folded.length, at + 200), matcher);
    if (found && found.lead.unitCode) return found;
  }
  return null;
}

/**
 * Partners that are not bodies of the administration: forest owners, businesses, households,
 * citizens ("phối hợp với các địa phương, đơn vị, chủ rừng"). They are not given the task.
 */
const NOT_A_BODY =
  /^(?:các\s+)?(?:chủ rừng|doanh nghiệp|hộ gia đình|hộ dân|người dân|nhân dân|cộng đồng|cá nhân|tổ chức, cá nhân|nhà đầu tư)(?:\s|$)/i;

/** Partners after "phối hợp (chặt chẽ) với" / "đơn vị phối hợp:". */
export function findCoordinators(original: string, folded: string, matcher: UnitMatcher): ParsedUnitRef[] {
  const re = /(?<![a-z])phoi\s*hop(?:\s+chat\s+che)?(?:\s*voi)?\s*:?\s*/g;
  const refs: ParsedUnitRef[] = [];
  let seen = 0;
  for (let m = re.exec(folded); m !== null && seen < 4; m = re.exec(folded)) {
    seen += 1;
    const at = m.index + m[0].length;
    // "công tác, phối hợp, thanh tra, kiểm tra": "phối hợp" as one noun of a list names no partner.
    if (/^phoi\s*hop$/.test(m[0].trim()) && folded[at] === ',') continue;
    const end = /[.:()\n]|;(?!\s*(?:phong|ubnd|van phong|thanh tra|cac))/.exec(folded.slice(at));
    const list = original.slice(at, end ? at + end.index : original.length);
    for (const ref of splitUnitList(list, matcher)) {
      if (NOT_A_BODY.test(ref.text)) continue;
      if (!refs.some((r) => r.text === ref.text)) refs.push(ref);
    }
  }
  return refs;
}

/** Offset after openers ("Giao ", "Hàng năm, ") at `from`. */
function skipOpeners(folded: string, from: number): number {
  const m = OPENER.exec(folded.slice(from, from + 80));
  return from + (m ? m[0].length : 0);
}

/** Collective or lead named by the sentence that starts at `from`. */
function addresseeOfSentence(
  original: string,
  folded: string,
  from: number,
  matcher: UnitMatcher,
): { group: GroupMatch | null; found: LeadFound | null } {
  const start = skipOpeners(folded, from);
  const end = Math.max(start, sentenceEnd(folded, start));
  const group = classifyGroup(original.slice(start, end));
  if (group) return { group, found: null };
  const found =
    leadBeforeVerb(original, folded, start, end, matcher) ?? leadAtStart(original, folded, start, end, matcher);
  return { group: null, found };
}

/**
 * Lead, coordinators and collective of a task text. The lead and the collective are read from the
 * first sentence (or the one after a short label); a "chủ trì"/"Giao X" later in the text is used
 * only when that sentence names nobody.
 */
export function extractAddressees(text: string, matcher: UnitMatcher): Addressees {
  const original = text.slice(0, MAX_SCAN);
  const folded = foldSameLength(original);
  const coordinators = findCoordinators(original, folded, matcher);
  let opening = addresseeOfSentence(original, folded, 0, matcher);
  if (!opening.group && !opening.found) {
    const next = afterLabel(folded, skipOpeners(folded, 0));
    if (next !== null) opening = addresseeOfSentence(original, folded, next, matcher);
  }
  if (opening.group) return { lead: null, coordinators, collective: opening.group.collective };
  const found =
    opening.found ?? leadBeforeChuTri(original, folded, matcher) ?? leadAfterGiao(original, folded, matcher);
  if (!found) return { lead: null, coordinators, collective: null };
  const { lead } = found;
  const same = (a: ParsedUnitRef, b: ParsedUnitRef) =>
    a.text === b.text || (b.unitCode !== null && a.unitCode === b.unitCode);
  const coLeads: ParsedUnitRef[] = [];
  for (const ref of found.with) if (!same(lead, ref) && !coLeads.some((r) => same(r, ref))) coLeads.push(ref);
  const partners: ParsedUnitRef[] = [];
  for (const ref of coordinators) {
    if (!same(lead, ref) && !coLeads.some((r) => same(r, ref)) && !partners.some((r) => same(r, ref)))
      partners.push(ref);
  }
  return { lead, coLeads, coordinators: partners, collective: null };
}

/**
 * Addressee of a heading ("1. Phòng Nội vụ:", "3. UBND các phường, xã:", "Cải cách thể chế (Phòng
 * Tư pháp chủ trì)"), inherited by the tasks below it that name nobody themselves.
 */
export function headingAddressee(
  title: string,
  matcher: UnitMatcher,
): { lead: ParsedUnitRef | null; coLeads?: ParsedUnitRef[]; collective: Collective } {
  const clean = trimEnd(title.slice(0, 2000), ':. \t\n');
  const group = classifyGroup(clean);
  if (group && group.words >= foldWords(clean).split(' ').length - 1)
    return { lead: null, collective: group.collective };
  // "Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án …" (a heading, no sentence).
  if (
    group &&
    group.words >= 3 &&
    clean.length <= 220 &&
    !/[.;!?](?:\s|$)/.test(clean) &&
    /^(?:các|ubnd|ủy ban|uỷ ban)\s/i.test(clean)
  ) {
    return { lead: null, collective: group.collective };
  }
  // A heading that names a sector ("5. Giáo dục và Đào tạo", "1.2. Tài nguyên và môi trường"), not
  // a unit ("Sở …", "Phòng …"), groups the sector's tasks: it gives them no lead.
  const strict = startsWithUnitName(clean)
    ? matcher.matchStrict(clean.replace(/\([^()]*\)/g, ' '))
    : { unitCode: null };
  if (strict.unitCode) return { lead: unitRef(clean.replace(/\([^()]*\)/g, ' '), matcher), collective: null };
  const found = leadBeforeChuTri(clean, foldSameLength(clean), matcher);
  if (found && found.lead.unitCode) return { lead: found.lead, collective: null };
  // A heading that only names a unit outside the registry ("Sở Nông nghiệp và Môi trường", "UBND
  // các xã, phường, đặc khu Cồn Cỏ"): kept as text for the reviewer to map or create.
  // "Các sở, ban, ngành, địa phương: Là các đơn vị được lấy ý kiến …": the label names them.
  const label = /^([^:]{3,120}):\s+\S/.exec(clean)?.[1];
  const name = unitNamePhrase(clean) ?? (label ? unitNamePhrase(label) : null);
  if (name === null) return { lead: null, collective: null };
  const named = classifyGroup(name);
  if (named && named.words * 10 >= foldWords(name).split(' ').length * 6)
    return { lead: null, collective: named.collective };
  // "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", "Liên minh Hợp tác xã tỉnh, Hội Nông dân tỉnh, …":
  // the first named body leads, the others lead with it.
  const pieces = name.split(/[,;]/).map((p) => p.trim());
  if (pieces.length > 1) {
    const list = readUnitList(name, matcher, { stopAtVerbs: false });
    const [first, ...rest] = list.refs;
    if (list.complete && first && rest.length > 0 && !classifyGroup(first.text))
      return { lead: first, coLeads: rest.filter((r) => !classifyGroup(r.text)), collective: null };
    if (pieces.every((p) => unitHead(p) !== null))
      return { lead: unitRef(pieces[0] ?? name, matcher), collective: null };
  }
  return { lead: unitRef(name, matcher), collective: null };
}
