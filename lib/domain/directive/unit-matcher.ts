/**
 * Matches a unit name as written in a directive ("phòng Nội vụ", "Phòng văn hóa - thông tin",
 * "Phòng TC-KH", "Tài chính-Kếhoạch") to a registry unit.
 *
 * Names are compared as keys: folded (no diacritics, "đ" → "d", lower case), punctuation and
 * dashes → spaces, "Ủy ban nhân dân" → "ubnd", "TP" → "thành phố", a trailing "thành phố
 * (Hà Tĩnh)" and the connector "và" dropped. A key is split into a head ("phòng", "phường",
 * "văn phòng", "trung tâm", "đài", …: what kind of body it is) and the rest (its proper name).
 * Two names with different known heads never match: "Trung tâm văn hóa – truyền thông" must not
 * become "Phòng Văn hóa và Thông tin" however many words they share.
 *
 * Confidence: 1 exact key (the "Phòng" prefix may be missing); 0.95 same letters with spaces
 * lost (glued words); 0.9 a ward/commune name without "phường"/"xã"; 0.85 an acronym of the
 * name ("TC-KH"); otherwise 0.9 × similarity, where similarity is the best of token Dice,
 * Levenshtein ratio on the glued key and a leading-words rule ("Phòng Tài chính" → 0.8), kept
 * only when ≥ MATCH_THRESHOLD.
 */
import { foldWords } from './normalize';
import type { UnitRef } from './types';

export type UnitMatch = {
  unitCode: string | null;
  confidence: number;
  /** Registry name of the matched unit (for review messages). */
  unitName: string | null;
};

export type UnitMatcher = {
  match(text: string): UnitMatch;
  /** Exact-or-near match only (confidence ≥ 0.85, same result as match when that is ≥ 0.85). */
  matchStrict(text: string): UnitMatch;
  /**
   * Cheap pre-check: can a unit name start with this text's first word (a head such as "phòng",
   * the first word of a registry name, or the start of an acronym)? Lets callers skip trying
   * every prefix of a sentence that plainly starts with a verb.
   */
  startsName(text: string): boolean;
};

/** Below this similarity a name is reported as not in the registry. */
export const MATCH_THRESHOLD = 0.6;
/** Confidence of an unmatched phrase that names some outside body. */
export const UNMATCHED_CONFIDENCE = 0.2;

/** Heads, longest first, so "van phong" wins over "phong" and "bao hiem xa hoi" over "bao". */
const HEADS = [
  'bao hiem xa hoi',
  'bhxh',
  'cong thong tin',
  'vien kiem sat',
  'ban quan ly',
  'ban chi huy',
  'hop tac xa',
  'lien doan',
  'lien minh',
  'hiep hoi',
  'van phong',
  'thanh tra',
  'trung tam',
  'thi tran',
  'cong an',
  'chi cuc',
  'kho bac',
  'benh vien',
  'toa an',
  'mat tran',
  'chi nhanh',
  'ngan hang',
  'uy ban',
  'ubnd',
  'phong',
  'phuong',
  'xa',
  'dai',
  'bao',
  'so',
  'ban',
  'hoi',
  'doan',
  'doi',
  'truong',
  'cuc',
  'bo',
];

/** Heads of units a text may name without them: "Nội vụ" is "Phòng Nội vụ". */
const OPTIONAL_HEADS = new Set(['phong']);
const PLACE_HEADS = new Set(['phuong', 'xa', 'thi tran']);

type Key = { head: string | null; rest: string[]; compact: string; joined: string };

type UnitEntry = { code: string; name: string; keys: Key[]; acronyms: string[] };

/** Canonical words of a unit name (see the module comment). */
export function unitWords(text: string): string[] {
  let s = ` ${foldWords(text.replace(/\([^()]*\)/g, ' '))} `;
  s = s
    .replace(/ uy ban nhan dan /g, ' ubnd ')
    .replace(/ hoi dong nhan dan /g, ' hdnd ')
    .replace(/ tp /g, ' thanh pho ')
    .replace(/ ubnd (?=(?:cac )?(?:phuong|xa|thi tran) )/g, ' ') // "UBND phường Trần Phú" is the ward
    .replace(/ thanh pho(?: ha tinh)? $/, ' ');
  return s.split(' ').filter((w) => w !== '' && w !== 'va');
}

function keyOf(words: string[]): Key {
  const joined = words.join(' ');
  const head = HEADS.find((h) => joined === h || joined.startsWith(`${h} `)) ?? null;
  const rest = head ? words.slice(head.split(' ').length) : words;
  return { head, rest, compact: rest.join(''), joined };
}

function acronym(rest: string[]): string {
  return rest.map((w) => w[0] ?? '').join('');
}

/** Levenshtein distance with a single row; inputs are short unit names (capped at 80 chars). */
export function levenshtein(a: string, b: string): number {
  const x = a.slice(0, 80);
  const y = b.slice(0, 80);
  if (x === y) return 0;
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[y.length] ?? Math.max(x.length, y.length);
}

function levenshteinRatio(a: string, b: string, floor: number): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  // Cheap bound first: the length gap alone may keep the ratio under the floor.
  if (1 - Math.abs(a.length - b.length) / max < floor) return 0;
  return 1 - levenshtein(a, b) / max;
}

/** Similarity a fuzzy match needs to reach STRICT_CONFIDENCE (confidence = 0.9 × similarity). */
const STRICT_CONFIDENCE = 0.85;
const STRICT_SIMILARITY = STRICT_CONFIDENCE / 0.9;

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pool = [...b];
  let common = 0;
  for (const w of a) {
    const i = pool.indexOf(w);
    if (i >= 0) {
      common += 1;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** "Phòng Tài chính" for "Phòng Tài chính – Kế hoạch": the text is the first ≥ 2 words of the name. */
function leadingWords(text: string[], unit: string[]): number {
  if (text.length < 2 || text.length >= unit.length) return 0;
  return text.every((w, i) => unit[i] === w) ? 0.8 : 0;
}

function headsCompatible(text: Key, unit: Key): boolean {
  if (text.head === null || unit.head === null) return true;
  return text.head === unit.head;
}

/**
 * Score of one text key against one unit key, 0 when incompatible. `strict` skips what cannot
 * reach STRICT_CONFIDENCE (the leading-words rule, Levenshtein on names of different lengths):
 * strict matching runs on every opening of a task sentence and must stay cheap.
 */
function scoreKey(text: Key, unit: Key, strict: boolean): number {
  if (!headsCompatible(text, unit)) return 0;
  if (text.rest.length === 0 && unit.rest.length === 0) return text.head === unit.head ? 1 : 0;
  if (text.rest.length === 0) return 0;
  if (text.rest.join(' ') === unit.rest.join(' ')) {
    if (text.head === unit.head || unit.head === null || OPTIONAL_HEADS.has(unit.head)) return 1;
    return PLACE_HEADS.has(unit.head) ? 0.9 : 0.85;
  }
  if (text.compact === unit.compact) return 0.95;
  const floor = strict ? STRICT_SIMILARITY : MATCH_THRESHOLD;
  const similarity = Math.max(
    dice(text.rest, unit.rest),
    levenshteinRatio(text.compact, unit.compact, floor),
    strict ? 0 : leadingWords(text.rest, unit.rest),
  );
  return similarity >= MATCH_THRESHOLD ? Math.round(0.9 * similarity * 100) / 100 : 0;
}

function scoreUnit(text: Key, unit: UnitEntry, strict: boolean): number {
  let best = 0;
  for (const k of unit.keys) best = Math.max(best, scoreKey(text, k, strict));
  if (best < 0.85 && text.compact.length >= 3 && unit.acronyms.includes(text.compact)) {
    const headOk = text.head === null || unit.keys.some((k) => k.head === text.head);
    if (headOk) best = 0.85;
  }
  return best;
}

function buildEntry(unit: UnitRef): UnitEntry {
  const names = [unit.name, ...(unit.aliases ?? [])];
  const keys = names.map((n) => keyOf(unitWords(n))).filter((k) => k.joined !== '');
  const acronyms = keys.map((k) => acronym(k.rest)).filter((a) => a.length >= 3);
  return { code: unit.code, name: unit.name, keys, acronyms };
}

const NO_MATCH: UnitMatch = { unitCode: null, confidence: 0, unitName: null };

/** Builds a matcher over a registry; results are memoised per text (bounded caches). */
export function createUnitMatcher(units: readonly UnitRef[]): UnitMatcher {
  const entries = units.map(buildEntry);
  const caches = { loose: new Map<string, UnitMatch>(), strict: new Map<string, UnitMatch>() };

  function compute(text: string, strict: boolean): UnitMatch {
    const key = keyOf(unitWords(text));
    if (key.joined === '' || key.joined.length > 120) return NO_MATCH;
    let best: UnitMatch = NO_MATCH;
    let second = 0;
    for (const entry of entries) {
      const score = scoreUnit(key, entry, strict);
      if (score > best.confidence) {
        second = best.confidence;
        best = { unitCode: entry.code, confidence: score, unitName: entry.name };
      } else if (score > second) second = score;
    }
    if (best.unitCode === null) return NO_MATCH;
    // Two units equally close ("Phòng Văn hóa" could be two units in another registry): halve
    // the confidence so the reviewer is asked rather than trusting an arbitrary pick.
    if (best.confidence < 1 && best.confidence - second < 0.05) {
      best = { ...best, confidence: Math.round(best.confidence * 50) / 100 };
    }
    if (strict && best.confidence < STRICT_CONFIDENCE) return NO_MATCH;
    return best;
  }

  function cached(text: string, strict: boolean): UnitMatch {
    const cache = strict ? caches.strict : caches.loose;
    const hit = cache.get(text);
    if (hit) return hit;
    const result = compute(text, strict);
    if (cache.size > 5000) cache.clear();
    cache.set(text, result);
    return result;
  }

  const firstWords = new Set<string>();
  for (const e of entries) {
    for (const k of e.keys) {
      if (k.head) firstWords.add(k.head.split(' ')[0] ?? '');
      if (k.rest[0]) firstWords.add(k.rest[0]);
    }
  }
  const acronyms = entries.flatMap((e) => e.acronyms);

  function startsName(text: string): boolean {
    const first = unitWords(text.slice(0, 60))[0];
    if (!first) return false;
    if (firstWords.has(first) || HEADS.some((h) => h.split(' ')[0] === first)) return true;
    return first.length >= 2 && acronyms.some((a) => a.startsWith(first));
  }

  return {
    match: (text) => cached(text, false),
    matchStrict: (text) => cached(text, true),
    startsName,
  };
}

/** Head of a unit-like phrase ("phong", "dai", "trung tam"…) or null: "does this name a body?". */
export function unitHead(text: string): string | null {
  const cached = headCache.get(text);
  if (cached !== undefined) return cached;
  const head = keyOf(unitWords(text.slice(0, 300))).head;
  if (headCache.size > 5000) headCache.clear();
  headCache.set(text, head);
  return head;
}

const headCache = new Map<string, string | null>();

/** One-shot convenience wrapper (builds the matcher each call; use createUnitMatcher in loops). */
export function matchUnit(text: string, units: readonly UnitRef[]): UnitMatch {
  return createUnitMatcher(units).match(text);
}
