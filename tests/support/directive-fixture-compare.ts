/**
 * Compares a parse with one of our own directive fixtures' hand-written expected file
 * (tests/fixtures/directives/), for the tests and the benchmark. Pure (no file access): loading
 * the fixtures is tests/support/directive-fixtures.ts's job.
 *
 * Tasks are matched by key "<section numeral>.<task number>" (just the number in an implicit
 * section). Coordinators are compared as the sorted set of registry codes: partners outside the
 * registry and collective partners carry no code, so they are checked by the unit tests instead.
 */
import { foldWords } from '../../lib/domain/directive/normalize';
import type { Collective, ParsedDirective, ParsedTask, Recurrence } from '../../lib/domain/directive/types';
import type { Counts } from './scoring';

export type ExpectedTask = {
  number: string;
  lead: string | null;
  coordinators: string[];
  collective: Collective;
  deadline: string | null;
  recurrence: Recurrence;
};

export type ExpectedSection = { numeral: string; title: string; tasks: ExpectedTask[] };

export type ExpectedFixture = {
  description: string;
  notes?: string[];
  sections: ExpectedSection[];
  /** Differences the parser is known to get wrong: mismatch key → why. */
  knownMismatches?: Record<string, string>;
};

export type Metric = 'sections' | 'tasks' | 'lead' | 'collective' | 'coordinators' | 'deadline' | 'recurrence';

export const METRICS: readonly Metric[] = [
  'sections',
  'tasks',
  'lead',
  'collective',
  'coordinators',
  'deadline',
  'recurrence',
];

export type Score = Record<Metric, Counts>;

export function taskKey(numeral: string, number: string): string {
  return numeral ? `${numeral}.${number}` : number;
}

function codes(list: readonly (string | null)[]): string[] {
  return [...new Set(list.filter((c): c is string => c !== null))].sort();
}

function predictedFields(task: ParsedTask): Omit<ExpectedTask, 'number'> {
  return {
    lead: task.lead?.unitCode ?? null,
    // The proposal gives co-leads a coordinating assignment: what the reviewer would enter.
    coordinators: codes([...task.coLeads, ...task.coordinators].map((c) => c.unitCode)),
    collective: task.collective,
    deadline: task.deadline,
    recurrence: task.recurrence,
  };
}

function taskMaps(parsed: ParsedDirective, expected: ExpectedFixture) {
  const got = new Map<string, Omit<ExpectedTask, 'number'>>();
  for (const s of parsed.sections) for (const t of s.tasks) got.set(taskKey(s.numeral, t.number), predictedFields(t));
  const want = new Map<string, Omit<ExpectedTask, 'number'>>();
  for (const s of expected.sections) {
    for (const t of s.tasks) want.set(taskKey(s.numeral, t.number), { ...t, coordinators: codes(t.coordinators) });
  }
  return { got, want };
}

const FIELDS = ['lead', 'coordinators', 'collective', 'deadline', 'recurrence'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Mismatch keys: "section:II", "section:II.title", "task:IV.4", "I.5.recurrence", … */
export function diffAgainstExpected(parsed: ParsedDirective, expected: ExpectedFixture): string[] {
  const out: string[] = [];
  const gotSections = new Map(parsed.sections.map((s) => [s.numeral, s]));
  const wantSections = new Map(expected.sections.map((s) => [s.numeral, s]));
  for (const [numeral, s] of wantSections) {
    const g = gotSections.get(numeral);
    if (!g) out.push(`section:${numeral}`);
    else if (foldWords(g.title) !== foldWords(s.title)) out.push(`section:${numeral}.title`);
  }
  for (const numeral of gotSections.keys()) if (!wantSections.has(numeral)) out.push(`section:${numeral}`);
  const { got, want } = taskMaps(parsed, expected);
  for (const [key, w] of want) {
    const g = got.get(key);
    if (!g) {
      out.push(`task:${key}`);
      continue;
    }
    for (const f of FIELDS) if (!same(g[f], w[f])) out.push(`${key}.${f}`);
  }
  for (const key of got.keys()) if (!want.has(key)) out.push(`task:${key}`);
  return out.sort();
}

function emptyScore(): Score {
  return Object.fromEntries(METRICS.map((m) => [m, { tp: 0, fp: 0, fn: 0 }])) as Score;
}

/** Adds one single-valued field: a value counts when present (non-null) and equal. */
function countField(c: Counts, got: unknown, want: unknown, gotTask: boolean, wantTask: boolean): void {
  const hit = gotTask && wantTask && got !== null && same(got, want);
  if (hit) c.tp += 1;
  if (gotTask && got !== null && !hit) c.fp += 1;
  if (wantTask && want !== null && !hit) c.fn += 1;
}

/** True/false positives and false negatives of one fixture, per metric. */
export function scoreFixture(parsed: ParsedDirective, expected: ExpectedFixture): Score {
  const score = emptyScore();
  const gotNumerals = new Set(parsed.sections.map((s) => s.numeral));
  const wantNumerals = new Set(expected.sections.map((s) => s.numeral));
  for (const n of gotNumerals)
    if (wantNumerals.has(n)) score.sections.tp += 1;
    else score.sections.fp += 1;
  for (const n of wantNumerals) if (!gotNumerals.has(n)) score.sections.fn += 1;
  const { got, want } = taskMaps(parsed, expected);
  for (const key of new Set([...got.keys(), ...want.keys()])) {
    const g = got.get(key);
    const w = want.get(key);
    if (g && w) score.tasks.tp += 1;
    else if (g) score.tasks.fp += 1;
    else score.tasks.fn += 1;
    for (const f of ['lead', 'collective', 'deadline', 'recurrence'] as const) {
      countField(score[f], g?.[f] ?? null, w?.[f] ?? null, g !== undefined, w !== undefined);
    }
    const gc = g?.coordinators ?? [];
    const wc = w?.coordinators ?? [];
    const common = gc.filter((c) => wc.includes(c)).length;
    score.coordinators.tp += common;
    score.coordinators.fp += gc.length - common;
    score.coordinators.fn += wc.length - common;
  }
  return score;
}

export function addScores(a: Score, b: Score): Score {
  const out = emptyScore();
  for (const m of METRICS) out[m] = { tp: a[m].tp + b[m].tp, fp: a[m].fp + b[m].fp, fn: a[m].fn + b[m].fn };
  return out;
}

export { emptyScore };
