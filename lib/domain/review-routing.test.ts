import { describe, expect, it } from 'vitest';
import { extensionDeciderFor, reviewerFor } from './review-routing';

const NV = 1; // the standing office
const VHTT = 2;
const WARD = 3;

describe('who decides on a report', () => {
  it('a ward’s report on a task led by a department → that department’s heads', () => {
    expect(
      reviewerFor({ reportUnitId: WARD, reportIsLead: false, leadUnitId: VHTT, standingOfficeUnitId: NV }),
    ).toEqual({ kind: 'DEPARTMENT_HEAD', unitId: VHTT });
  });
  it('a ward’s report on a task without a lead → the standing office', () => {
    expect(
      reviewerFor({ reportUnitId: WARD, reportIsLead: false, leadUnitId: null, standingOfficeUnitId: NV }),
    ).toEqual({ kind: 'DEPARTMENT_HEAD', unitId: NV });
  });
  it('the lead department’s own report → the standing office, never itself', () => {
    expect(reviewerFor({ reportUnitId: VHTT, reportIsLead: true, leadUnitId: VHTT, standingOfficeUnitId: NV })).toEqual(
      { kind: 'DEPARTMENT_HEAD', unitId: NV },
    );
  });
  it('the standing office’s own report, as lead or on a task without a lead → the chairman', () => {
    expect(reviewerFor({ reportUnitId: NV, reportIsLead: true, leadUnitId: NV, standingOfficeUnitId: NV })).toEqual({
      kind: 'CHAIRMAN',
    });
    expect(reviewerFor({ reportUnitId: NV, reportIsLead: false, leadUnitId: null, standingOfficeUnitId: NV })).toEqual({
      kind: 'CHAIRMAN',
    });
  });
  it('the standing office coordinating a task led by another department → that department', () => {
    expect(reviewerFor({ reportUnitId: NV, reportIsLead: false, leadUnitId: VHTT, standingOfficeUnitId: NV })).toEqual({
      kind: 'DEPARTMENT_HEAD',
      unitId: VHTT,
    });
  });
});

describe('who decides an extension when the lead’s head decides', () => {
  const ask = (requestUnitId: number, requestIsLead: boolean, leadUnitId: number | null) =>
    extensionDeciderFor({ requestUnitId, requestIsLead, leadUnitId, standingOfficeUnitId: NV });
  it('a ward on a task led by a department → that department’s heads', () => {
    expect(ask(WARD, false, VHTT)).toEqual({ kind: 'DEPARTMENT_HEAD', unitId: VHTT });
  });
  it('a ward on a task without a lead → the standing office', () => {
    expect(ask(WARD, false, null)).toEqual({ kind: 'DEPARTMENT_HEAD', unitId: NV });
  });
  it('the lead’s own request → the chairman (unlike a report, not the standing office)', () => {
    expect(ask(VHTT, true, VHTT)).toEqual({ kind: 'CHAIRMAN' });
    expect(ask(NV, true, NV)).toEqual({ kind: 'CHAIRMAN' });
  });
  it('the standing office on a task without a lead → the chairman; on a led task → the lead', () => {
    expect(ask(NV, false, null)).toEqual({ kind: 'CHAIRMAN' });
    expect(ask(NV, false, VHTT)).toEqual({ kind: 'DEPARTMENT_HEAD', unitId: VHTT });
  });
});
