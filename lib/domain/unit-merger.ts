/**
 * What happens to the assignments of units that merge or split (docs/decisions/006). Pure: the
 * data layer reads the facts, this decides, the data layer writes.
 *
 * Rule: work done stays where it was done; work still to do goes to the unit that carries on.
 * - A completed one-off or continuous assignment stays with its former unit: it keeps counting as
 *   that ward's "done on time / late" in every total.
 * - An open assignment (not completed, or any recurring one: its periods keep coming) moves to the
 *   successor with its reports, evidence and extensions — the same obligation, the same file.
 * - The successor holds one assignment per task (the database's unique key). When several former
 *   units hold the same open task, the most advanced one moves (most reports, then progress, then
 *   the stronger role, then the oldest); it takes the strongest role among them. Each other one
 *   (folded) hands over its reports for the periods the moved one has no report for; it is deleted
 *   when it is left with nothing (no report, no extension request), so nothing is lost and nothing
 *   is counted twice. One that still holds something (both wards reported the same period) stays
 *   with its former unit as history; the merger's result lists them.
 */
import { ROLE_RANK, type AssignmentRoleName } from './fan-out';

export type MergerAssignment = {
  id: number;
  taskId: number;
  unitId: number;
  role: AssignmentRoleName;
  /** One-off or continuous assignment whose completion was approved. */
  completed: boolean;
  progress: number;
  /** periodKey of each report. */
  reportPeriods: readonly string[];
  extensionCount: number;
};

export type MergerPlan = {
  /** Completed: stay with the former unit. */
  stay: number[];
  /** Move to the successor, with the role it takes there. */
  move: { id: number; role: AssignmentRoleName }[];
  /** Reports (by period) handed from a folded assignment to the moved one of the same task. */
  fold: { from: number; into: number; periods: string[] }[];
  /** Folded assignments left empty: deleted. */
  remove: number[];
  /** Folded assignments that still hold reports or extension requests: stay as history. */
  keep: number[];
};

function moreAdvanced(a: MergerAssignment, b: MergerAssignment): number {
  return (
    b.reportPeriods.length - a.reportPeriods.length ||
    b.progress - a.progress ||
    ROLE_RANK[b.role] - ROLE_RANK[a.role] ||
    a.id - b.id
  );
}

/**
 * Plans a merger of the given former units' assignments into one successor. `successorTasks`
 * are tasks the successor already holds (empty for a new unit): their open assignments of the
 * former units fold into the successor's own.
 */
export function planMerger(
  assignments: readonly MergerAssignment[],
  successorTasks: ReadonlyMap<number, { id: number; reportPeriods: readonly string[] }> = new Map(),
): MergerPlan {
  const plan: MergerPlan = { stay: [], move: [], fold: [], remove: [], keep: [] };
  const open = new Map<number, MergerAssignment[]>();
  for (const a of assignments) {
    if (a.completed) plan.stay.push(a.id);
    else open.set(a.taskId, [...(open.get(a.taskId) ?? []), a]);
  }
  for (const [taskId, group] of open) {
    const sorted = [...group].sort(moreAdvanced);
    const existing = successorTasks.get(taskId);
    let intoId: number;
    const covered = new Set<string>();
    let rest: MergerAssignment[];
    if (existing) {
      intoId = existing.id;
      for (const p of existing.reportPeriods) covered.add(p);
      rest = sorted;
    } else {
      const primary = sorted[0]!;
      const role = group.reduce<AssignmentRoleName>(
        (best, a) => (ROLE_RANK[a.role] > ROLE_RANK[best] ? a.role : best),
        primary.role,
      );
      plan.move.push({ id: primary.id, role });
      intoId = primary.id;
      for (const p of primary.reportPeriods) covered.add(p);
      rest = sorted.slice(1);
    }
    for (const a of rest) {
      const periods = a.reportPeriods.filter((p) => !covered.has(p));
      for (const p of periods) covered.add(p);
      if (periods.length > 0) plan.fold.push({ from: a.id, into: intoId, periods });
      const left = a.reportPeriods.length - periods.length;
      if (left === 0 && a.extensionCount === 0) plan.remove.push(a.id);
      else plan.keep.push(a.id);
    }
  }
  return plan;
}

export type SplitPlan = {
  stay: number[];
  /** Open assignments of the former unit: move to the successor that carries on its work. */
  move: number[];
  /** For each other successor: a new assignment of the same task, role and deadline. */
  copy: { fromId: number; unitId: number }[];
};

/**
 * A split: the former unit's open work moves to the successor that takes over its files
 * (`mainSuccessor`), and every other successor gets its own assignment of each open task — the
 * territory was divided, so each new unit owes the task. Completed work stays.
 */
export function planSplit(assignments: readonly MergerAssignment[], otherSuccessors: readonly number[]): SplitPlan {
  const plan: SplitPlan = { stay: [], move: [], copy: [] };
  for (const a of assignments) {
    if (a.completed) {
      plan.stay.push(a.id);
      continue;
    }
    plan.move.push(a.id);
    for (const unitId of otherSuccessors) plan.copy.push({ fromId: a.id, unitId });
  }
  return plan;
}
