/**
 * The development corpus of real directives (tests/fixtures/directives-dev/): floors that a
 * change of the parser must not break. The figures themselves are in
 * docs/benchmarks/directive-parser.md; these floors sit a little under the tuning split's
 * measured values, so a regression fails the test. The held-out split is only checked for texts
 * that assign no task (it is reported, never tuned on).
 */
import { describe, expect, it } from 'vitest';
import { addCorpusScores, emptyCorpusScore, loadCorpus, scoreDoc } from '../../../tests/support/directive-corpus';
import { f1 } from '../../../tests/support/scoring';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { parseDirective } from './parse-directive';

const docs = loadCorpus();

describe('real directives of other provinces', () => {
  it('has the held-out and tuning texts annotated, split as written in split.json', () => {
    expect(docs.filter((d) => d.split === 'heldOut').map((d) => d.file.slice(0, 2))).toEqual([
      '03',
      '06',
      '09',
      '12',
      '15',
      '18',
      '21',
      '24',
    ]);
  });

  it.each(docs.filter((d) => d.tasks.length === 0).map((d) => [d.file, d] as const))(
    '%s assigns no task and none is read',
    (_f, doc) => {
      const parsed = parseDirective(doc.text, HA_TINH_UNITS);
      expect(parsed.sections.flatMap((s) => s.tasks)).toEqual([]);
    },
  );

  it('keeps the tuning split at or above its floors (tasks, lead, coordinators, deadline, recurrence F1)', () => {
    let total = emptyCorpusScore();
    for (const doc of docs.filter((d) => d.split === 'tuning'))
      total = addCorpusScores(total, scoreDoc(parseDirective(doc.text, HA_TINH_UNITS), doc));
    expect(f1(total.tasks)).toBeGreaterThanOrEqual(0.96);
    // 0.94 until the scorer counted a group the text names ("Các sở, ban, ngành …", inherited from
    // a heading) as a lead (tests/support/directive-corpus.ts hasLead): the same parse scores 0.925.
    expect(f1(total.lead)).toBeGreaterThanOrEqual(0.92);
    expect(f1(total.coordinators)).toBeGreaterThanOrEqual(0.95);
    expect(f1(total.deadline)).toBeGreaterThanOrEqual(0.95);
    expect(f1(total.recurrence)).toBeGreaterThanOrEqual(0.89);
  });
});
