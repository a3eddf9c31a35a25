/**
 * Who decides on a report — the routing rule, in one place.
 *
 *  1. A report from a coordinating or implementing unit goes to the heads of the task's lead unit.
 *  2. A task without a lead (a collective addressee: "các đơn vị, địa phương") is followed by the
 *     standing office (Phòng Nội vụ, cơ quan thường trực CCHC): its heads decide.
 *  3. The lead unit's own report goes to the standing office's heads — a department does not
 *     approve its own work.
 *  4. When that would make the standing office approve its own report (it leads the task, or the
 *     task has no lead and the report is its own), the chairman decides.
 *
 * lib/data/scope.ts expresses the same rule as a database filter; an integration test checks that
 * the two agree on every seeded report.
 *
 * Who decides a deadline extension when the setting `extensionApprover` is LEAD_HEAD (by default
 * the chairman decides every request) is extensionDeciderFor below; its database filter is
 * `deciderScope` in lib/data/extensions.ts (an integration test checks that they agree).
 */
export type Reviewer = { kind: 'DEPARTMENT_HEAD'; unitId: number } | { kind: 'CHAIRMAN' };

export function reviewerFor(input: {
  reportUnitId: number;
  reportIsLead: boolean;
  leadUnitId: number | null;
  standingOfficeUnitId: number;
}): Reviewer {
  const { reportUnitId, reportIsLead, leadUnitId, standingOfficeUnitId } = input;
  if (!reportIsLead && leadUnitId !== null) return { kind: 'DEPARTMENT_HEAD', unitId: leadUnitId };
  if (reportUnitId === standingOfficeUnitId) return { kind: 'CHAIRMAN' };
  return { kind: 'DEPARTMENT_HEAD', unitId: standingOfficeUnitId };
}

/**
 * Who decides a deadline extension when the lead's head decides (setting LEAD_HEAD):
 *  1. a coordinating or implementing unit's request → the heads of the task's lead unit, or of the
 *     standing office when the task has no lead;
 *  2. the lead unit's own request, and the standing office's own request on a task without a lead
 *     → the chairman (nobody extends their own deadline).
 */
export function extensionDeciderFor(input: {
  requestUnitId: number;
  requestIsLead: boolean;
  leadUnitId: number | null;
  standingOfficeUnitId: number;
}): Reviewer {
  const { requestUnitId, requestIsLead, leadUnitId, standingOfficeUnitId } = input;
  if (requestIsLead) return { kind: 'CHAIRMAN' };
  const decider = leadUnitId ?? standingOfficeUnitId;
  return decider === requestUnitId ? { kind: 'CHAIRMAN' } : { kind: 'DEPARTMENT_HEAD', unitId: decider };
}
