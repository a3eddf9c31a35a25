/**
 * The development corpus of real directives (tests/fixtures/directives-dev/): loading, the fixed
 * tuning / held-out split, and scoring a parse against the hand annotations.
 *
 * Annotation format (expected/<name>.json): `tasks` is a list of tuples
 *   [section, textStart, lead, coordinators, deadline, recurrence]
 * - section: the numeral of the enclosing section as written ("III", "2"), "PL" for an appendix
 *   table without sections, "PL.I" for section I of an appendix table, "" for none;
 * - textStart: the first words of the task as written (after its "-", "a)" or "1." marker);
 * - lead: the responsible unit as written (the first one when several), or null when the task
 *   names none (the directive's addressees as a whole);
 * - coordinators: partner units as written; groups ("các sở, ban, ngành", "UBND các xã,
 *   phường") and vague partners ("các cơ quan, đơn vị liên quan") are left out on both sides of
 *   the comparison (see isNamedPartner);
 * - deadline: 'YYYY-MM-DD' (the last day: "Quý III/2025" → 2025-09-30) or null (none, or not a
 *   date: "hằng ngày", "sau khi …");
 * - recurrence: ONCE | MONTHLY | QUARTERLY | HALF_YEARLY | YEARLY | CONTINUOUS.
 *
 * Matching: expected tasks are taken in order; each is matched to the first unused parsed task
 * whose text (folded, marker removed) starts with the folded textStart — looking forward from
 * the previous match first, so repeated starts ("Nghị định quy định chi tiết…") pair up in order.
 * A field is a true positive when both sides give a value and the values agree; a value on an
 * unmatched or wrong task is a false positive; an expected value not found is a false negative.
 * Recurrence counts only when it is not ONCE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyGroup } from '../../lib/domain/directive/addressees';
import { foldWords } from '../../lib/domain/directive/normalize';
import type { ParsedDirective, Recurrence } from '../../lib/domain/directive/types';
import type { Counts } from './scoring';

export const CORPUS_DIR = join(import.meta.dirname, '../fixtures/directives-dev');

export type CorpusTask = {
  section: string;
  start: string;
  lead: string | null;
  coordinators: string[];
  deadline: string | null;
  recurrence: Recurrence;
};

export type CorpusDoc = { file: string; split: 'tuning' | 'heldOut'; text: string; notes: string; tasks: CorpusTask[] };

type RawTuple = [string, string, string | null, string[], string | null, Recurrence];

export function loadCorpus(): CorpusDoc[] {
  const split = JSON.parse(readFileSync(join(CORPUS_DIR, 'split.json'), 'utf8')) as {
    heldOut: string[];
    tuning: string[];
  };
  const files = [
    ...split.tuning.map((f) => [f, 'tuning'] as const),
    ...split.heldOut.map((f) => [f, 'heldOut'] as const),
  ];
  return files
    .map(([file, s]) => {
      const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
      let raw: { notes?: string; tasks: RawTuple[] } | null = null;
      try {
        raw = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected', file.replace(/\.md$/, '.json')), 'utf8')) as {
          notes?: string;
          tasks: RawTuple[];
        };
      } catch {
        raw = null; // not annotated yet
      }
      if (!raw) return null;
      const tasks = raw.tasks.map(([section, start, lead, coordinators, deadline, recurrence]) => ({
        section,
        start,
        lead,
        coordinators,
        deadline,
        recurrence,
      }));
      return { file, split: s, text, notes: raw.notes ?? '', tasks };
    })
    .filter((d): d is CorpusDoc => d !== null)
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Files of the corpus that have no annotation yet (listed in the benchmark, not scored). */
export function unannotatedFiles(): string[] {
  const split = JSON.parse(readFileSync(join(CORPUS_DIR, 'split.json'), 'utf8')) as {
    heldOut: string[];
    tuning: string[];
  };
  const annotated = new Set(loadCorpus().map((d) => d.file));
  return [...split.tuning, ...split.heldOut].filter((f) => !annotated.has(f)).sort();
}

export const FIELDS = ['tasks', 'section', 'lead', 'coordinators', 'deadline', 'recurrence'] as const;
export type Field = (typeof FIELDS)[number];
export type CorpusScore = Record<Field, Counts> & { docs: number; emptyDocsOk: number; emptyDocs: number };

export function emptyCorpusScore(): CorpusScore {
  const s = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
  return { ...s, docs: 0, emptyDocsOk: 0, emptyDocs: 0 };
}

export function addCorpusScores(a: CorpusScore, b: CorpusScore): CorpusScore {
  const out = emptyCorpusScore();
  for (const f of FIELDS) out[f] = { tp: a[f].tp + b[f].tp, fp: a[f].fp + b[f].fp, fn: a[f].fn + b[f].fn };
  out.docs = a.docs + b.docs;
  out.emptyDocs = a.emptyDocs + b.emptyDocs;
  out.emptyDocsOk = a.emptyDocsOk + b.emptyDocsOk;
  return out;
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bkh cn\b/g, 'khoa hoc va cong nghe'],
  [/\bkhcn\b/g, 'khoa hoc va cong nghe'],
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bbhxh\b/g, 'bao hiem xa hoi'],
  [/\btp\b/g, 'thanh pho'],
];

/** Comparable form of a unit name as written: folded, abbreviations expanded, place suffix dropped. */
export function unitKey(text: string): string {
  let s = ` ${foldWords(text)} `;
  for (const [re, full] of ABBREVIATIONS) s = s.replace(re, full);
  s = s.replace(/^\s*(?:giao|de nghi|yeu cau)\s+/, ' ');
  s = s.replace(/^\s*cac\s+/, ' ');
  s = s.replace(/\s(?:viet nam)\s/g, ' ');
  s = s.replace(/\s(?:tinh|thanh pho|cap tinh|cua thanh pho|cua tinh)(?:\s+[a-z]+){0,2}\s*$/, ' ');
  s = s.replace(/\s(?:tinh|thanh pho)\s*$/, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

const VAGUE = /lien quan|co quan, don vi$|^cac (?:co quan|don vi|dia phuong)\b|doanh nghiep|to chuc, ca nhan/;

function isVague(text: string): boolean {
  return VAGUE.test(foldWords(text).replace(/ /g, ' '));
}

/**
 * Partners that are named bodies: groups ("các sở, ban, ngành", "UBND các xã, phường") become a
 * fan-out in the review, not units, and vague partners name nobody; both are left out on both
 * sides, as the own-fixture scorer counts coordinators by registry code only.
 */
function isNamedPartner(text: string): boolean {
  return !isVague(text) && classifyGroup(text) === null;
}

type Predicted = {
  section: string;
  text: string;
  lead: string | null;
  collective: string | null;
  /** The group was named by the text (the task or a heading above it), not assumed for want of a name. */
  groupNamed: boolean;
  coordinators: string[];
  deadline: string | null;
  recurrence: Recurrence;
};

function predicted(parsed: ParsedDirective): Predicted[] {
  const out: Predicted[] = [];
  for (const s of parsed.sections) {
    for (const t of s.tasks) {
      out.push({
        section: s.numeral,
        text: foldWords(t.text.replace(/^\s*(?:[-+•*]|\(?[0-9a-zđ]{1,3}[.)])\s*/i, '')),
        lead: t.lead?.text ?? null,
        collective: t.collective,
        groupNamed: t.collective !== null && !t.addresseeAssumed,
        coordinators: t.coordinators.map((c) => c.text),
        deadline: t.deadline,
        recurrence: t.recurrence,
      });
    }
  }
  return out;
}

/**
 * A lead read as text must equal the annotated name; a collective must be the kind of group the
 * annotated name is ("UBND các xã, phường" → WARDS_COMMUNES, "các sở, ban, ngành, địa phương" → ALL).
 */
function sameLead(got: Predicted, want: string): boolean {
  if (got.lead !== null) return unitKey(got.lead) === unitKey(want);
  if (got.collective === null) return false;
  return classifyGroup(want)?.collective === got.collective;
}

/**
 * The parse names a lead: a unit, or a group the text names ("UBND các xã", and "Các sở, ban,
 * ngành, địa phương" — ALL — in the task or inherited from its heading). Only the ALL that the
 * parser assumes when nobody is named is no lead; a named ALL is scored like any lead (right when
 * the annotation names that group, a false positive otherwise).
 */
function hasLead(p: Predicted): boolean {
  return p.lead !== null || (p.collective !== null && (p.collective !== 'ALL' || p.groupNamed));
}

function addField(c: Counts, gotValue: boolean, wantValue: boolean, equal: boolean): void {
  const hit = gotValue && wantValue && equal;
  if (hit) c.tp += 1;
  if (gotValue && !hit) c.fp += 1;
  if (wantValue && !hit) c.fn += 1;
}

export type TaskDiff = { start: string; field: Field; got: string; want: string };

/** Scores one document; `diffs` (optional) receives every disagreement, for the benchmark's notes. */
export function scoreDoc(parsed: ParsedDirective, doc: CorpusDoc, diffs?: TaskDiff[]): CorpusScore {
  const score = emptyCorpusScore();
  score.docs = 1;
  const got = predicted(parsed);
  if (doc.tasks.length === 0) {
    score.emptyDocs = 1;
    if (got.length === 0) score.emptyDocsOk = 1;
  }
  const used = new Set<number>();
  const pairs: [Predicted | null, CorpusTask | null][] = [];
  let cursor = 0;
  for (const want of doc.tasks) {
    const key = foldWords(want.start);
    const fits = (i: number) => !used.has(i) && (got[i]?.text.startsWith(key) ?? false);
    let found = -1;
    for (let i = cursor; i < got.length && found < 0; i++) if (fits(i)) found = i;
    for (let i = 0; i < cursor && found < 0; i++) if (fits(i)) found = i;
    if (found >= 0) {
      used.add(found);
      cursor = found + 1;
      pairs.push([got[found] ?? null, want]);
    } else pairs.push([null, want]);
  }
  got.forEach((g, i) => {
    if (!used.has(i)) pairs.push([g, null]);
  });
  for (const [g, w] of pairs) {
    const label = w?.start ?? g?.text.slice(0, 50) ?? '';
    addField(score.tasks, g !== null, w !== null, true);
    if (g && !w) diffs?.push({ start: label, field: 'tasks', got: 'extra task', want: '' });
    if (w && !g) diffs?.push({ start: label, field: 'tasks', got: '', want: 'missing task' });
    addField(score.section, g !== null, w !== null, g !== null && w !== null && g.section === w.section);
    const wLead = w !== null && w.lead !== null;
    const leadOk = g !== null && w !== null && w.lead !== null && sameLead(g, w.lead);
    // ALL is also the default for a task that names nobody: a value only when it is right.
    const gLead = g !== null && (hasLead(g) || leadOk);
    addField(score.lead, gLead, wLead, leadOk);
    if (g && w && (gLead || wLead) && !leadOk) {
      diffs?.push({ start: label, field: 'lead', got: g.lead ?? g.collective ?? '–', want: w.lead ?? '–' });
    }
    const gc = [...new Set((g?.coordinators ?? []).filter(isNamedPartner).map(unitKey))];
    const wc = [...new Set((w?.coordinators ?? []).filter(isNamedPartner).map(unitKey))];
    const common = gc.filter((c) => wc.includes(c)).length;
    score.coordinators.tp += common;
    score.coordinators.fp += gc.length - common;
    score.coordinators.fn += wc.length - common;
    if (g && w && (common < gc.length || common < wc.length)) {
      diffs?.push({ start: label, field: 'coordinators', got: gc.join('; '), want: wc.join('; ') });
    }
    const dOk = g !== null && w !== null && g.deadline === w.deadline;
    addField(score.deadline, g?.deadline != null, w?.deadline != null, dOk);
    if (g && w && (g.deadline || w.deadline) && !dOk) {
      diffs?.push({ start: label, field: 'deadline', got: g.deadline ?? '–', want: w.deadline ?? '–' });
    }
    const gr = g && g.recurrence !== 'ONCE' ? g.recurrence : null;
    const wr = w && w.recurrence !== 'ONCE' ? w.recurrence : null;
    addField(score.recurrence, gr !== null, wr !== null, gr === wr);
    if (g && w && (gr || wr) && gr !== wr)
      diffs?.push({ start: label, field: 'recurrence', got: gr ?? '–', want: wr ?? '–' });
  }
  return score;
}
