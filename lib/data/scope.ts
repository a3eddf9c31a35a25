import 'server-only';
import type { Prisma } from '../db';
import { can, type SessionUser } from '../permissions';

/**
 * Row-level scope, as Prisma `where` fragments. What is outside a user's scope does not exist for
 * them (they get "not found"), so every query that reads or writes work composes one of these.
 */

/** Assignments a user may see: all for the chairman and administrator; else their own unit's,
 *  plus — for department heads — every assignment of the tasks their unit leads. */
export function assignmentScope(user: SessionUser): Prisma.AssignmentWhereInput {
  if (can(user, 'work:read-all')) return {};
  const own: Prisma.AssignmentWhereInput = { unitId: user.unitId };
  if (user.role !== 'DEPARTMENT_HEAD') return own;
  return {
    OR: [own, { task: { assignments: { some: { role: 'LEAD', unitId: user.unitId } } } }, ...reviewRoutes(user)],
  };
}

/**
 * Reports this user decides on: the database form of lib/domain/review-routing.ts.
 * Returned as a list of alternatives on the report's assignment.
 */
export function reviewRoutes(user: SessionUser): Prisma.AssignmentWhereInput[] {
  if (user.role === 'CHAIRMAN') {
    // Rule 4: the standing office's own reports on tasks it leads or that have no lead.
    return [
      {
        unit: { isStandingOffice: true },
        OR: [{ role: 'LEAD' }, { task: { assignments: { none: { role: 'LEAD' } } } }],
      },
    ];
  }
  if (user.role !== 'DEPARTMENT_HEAD') return [];
  // Rule 1: reports of other units on tasks this unit leads.
  const routes: Prisma.AssignmentWhereInput[] = [
    { role: { not: 'LEAD' }, task: { assignments: { some: { role: 'LEAD', unitId: user.unitId } } } },
  ];
  if (user.isStandingOffice) {
    // Rule 3: other lead units' own reports. Rule 2: reports on tasks without a lead.
    routes.push({ role: 'LEAD', unitId: { not: user.unitId } });
    routes.push({
      role: { not: 'LEAD' },
      unitId: { not: user.unitId },
      task: { assignments: { none: { role: 'LEAD' } } },
    });
  }
  return routes;
}

export function reviewScope(user: SessionUser): Prisma.ReportWhereInput {
  const routes = reviewRoutes(user);
  if (routes.length === 0) return { id: -1 };
  return { assignment: { OR: routes } };
}
