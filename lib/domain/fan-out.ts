/**
 * Who gets an assignment for a task, and how an assignment's dates follow its task. Pure.
 *
 * Fan-out: a collective addressee ("các đơn vị, địa phương", "UBND các phường, xã", "các phòng,
 * ban, ngành") becomes one assignment per ACTIVE unit of the group. The city's leadership (UBND
 * thành phố: chairman and vice-chairmen) directs and never reports, so it is in no group — exactly
 * the "reporting" units of the seed (prisma/seed/index.ts).
 *
 * A unit gets one assignment per task (the database's unique key), so when a unit is reached
 * several ways the strongest role wins, in this order:
 *   LEAD > named COORDINATING > IMPLEMENTING (named or collective) > COORDINATING by group.
 * A unit named as a partner is a partner even if the task is also addressed to everyone; a unit
 * only swept in by "phối hợp với các phòng, ban, ngành" must still do what everyone must do.
 */
import type { UnitKind } from '../generated/prisma/enums';
import type { IsoDate } from './time';

export type FanOutGroup = 'ALL' | 'DEPARTMENTS' | 'WARDS_COMMUNES';
export type AssignmentRoleName = 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';

export const FAN_OUT_GROUPS: readonly FanOutGroup[] = ['ALL', 'DEPARTMENTS', 'WARDS_COMMUNES'];

export const FAN_OUT_GROUP_LABELS: Record<FanOutGroup, string> = {
  ALL: 'Tất cả phòng, ban và phường, xã',
  DEPARTMENTS: 'Tất cả phòng, ban, ngành',
  WARDS_COMMUNES: 'Tất cả phường, xã',
};

export const ROLE_RANK: Record<AssignmentRoleName, number> = { LEAD: 3, COORDINATING: 2, IMPLEMENTING: 1 };

export function inGroup(kind: UnitKind, group: FanOutGroup): boolean {
  if (kind === 'LEADERSHIP') return false;
  if (group === 'ALL') return true;
  if (group === 'DEPARTMENTS') return kind === 'DEPARTMENT';
  return kind === 'WARD' || kind === 'COMMUNE';
}

export type FanOutUnit = { id: number; kind: UnitKind; active: boolean };

/** The active units of a group. */
export function groupMembers<U extends FanOutUnit>(units: readonly U[], group: FanOutGroup): U[] {
  return units.filter((u) => u.active && inGroup(u.kind, group));
}

/** Who a task is given to, as the standing office describes it. */
export type AssigneePlan = {
  lead: number | null;
  coordinators: readonly number[];
  /** "phối hợp với các phòng, ban, ngành, …": every unit of the group coordinates. */
  coordinatingGroup: FanOutGroup | null;
  /** Named implementing units (a collective written out unit by unit). */
  implementers?: readonly number[];
  /** "Các đơn vị, địa phương …": every unit of the group implements and reports. */
  collective: FanOutGroup | null;
};

/**
 * The assignments (unit id → role) a plan creates, over the given units. Named units must be in
 * `units` and active; groups only reach active units.
 */
export function planAssignments(plan: AssigneePlan, units: readonly FanOutUnit[]): Map<number, AssignmentRoleName> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<number, AssignmentRoleName>();
  const give = (unitId: number, role: AssignmentRoleName) => {
    if (!byId.get(unitId)?.active || out.has(unitId)) return;
    out.set(unitId, role);
  };
  if (plan.lead !== null) give(plan.lead, 'LEAD');
  for (const id of plan.coordinators) give(id, 'COORDINATING');
  for (const id of plan.implementers ?? []) give(id, 'IMPLEMENTING');
  if (plan.collective) for (const u of groupMembers(units, plan.collective)) give(u.id, 'IMPLEMENTING');
  if (plan.coordinatingGroup) for (const u of groupMembers(units, plan.coordinatingGroup)) give(u.id, 'COORDINATING');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

export type AssignmentDates = { dueDate: IsoDate | null; originalDueDate: IsoDate | null };

/**
 * The dates of one assignment after its task's deadline changes to `next` (docs/decisions/007):
 * - a completed assignment keeps its dates: whether it was done on time was settled when it was
 *   done, and the chairman's history must not change under him;
 * - an assignment whose deadline was never moved gets the new deadline as both dates;
 * - an assignment with an approved extension (dueDate ≠ originalDueDate) gets the new deadline as
 *   its original, and keeps the extension unless the new deadline is later: an extension granted
 *   by the chairman is never shortened by an edit of the task. A task that loses its deadline
 *   takes the extension with it (there is nothing left to extend).
 * Returns null when nothing changes.
 */
export function followTaskDeadline(
  a: AssignmentDates & { completed: boolean },
  next: IsoDate | null,
): AssignmentDates | null {
  if (a.completed) return null;
  const extended = a.dueDate !== null && a.originalDueDate !== null && a.dueDate !== a.originalDueDate;
  let result: AssignmentDates;
  if (next === null) result = { dueDate: null, originalDueDate: null };
  else if (!extended) result = { dueDate: next, originalDueDate: next };
  else result = { dueDate: a.dueDate !== null && a.dueDate > next ? a.dueDate : next, originalDueDate: next };
  return result.dueDate === a.dueDate && result.originalDueDate === a.originalDueDate ? null : result;
}
