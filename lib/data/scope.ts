import 'server-only';
import { Prisma } from '../db';
import { can, type SessionUser } from '../permissions';

/**
 * Row-level scope, as Prisma `where` fragments. What is outside a user's scope does not exist for
 * them (they get "not found"), so every query that reads or writes work composes one of these.
 */

/**
 * Assignments a user may see: all for the chairman and administrator; else their own unit's,
 * plus — for department heads — every assignment of the tasks their unit leads and those whose
 * reports they decide on. The ONE home of that rule: a list of routes (null: everything), written
 * mechanically as a Prisma filter (`assignmentScope`) and as SQL (`assignmentScopeSql`, for raw
 * queries: the API's list reads the scope in the same statement instead of loading its ids);
 * tests/integration/scope.test.ts checks that both forms select the same assignments for every user.
 */
function assignmentRoutes(user: SessionUser): ReviewRoute[] | null {
  if (can(user, 'work:read-all')) return null;
  const own: ReviewRoute = { unit: { is: user.unitId } };
  if (user.role !== 'DEPARTMENT_HEAD') return [own];
  return [own, { lead: { unitId: user.unitId } }, ...reviewRoutes(user)];
}

/** Assignments a user may see (see assignmentRoutes), as a Prisma filter. */
export function assignmentScope(user: SessionUser): Prisma.AssignmentWhereInput {
  const routes = assignmentRoutes(user);
  if (!routes) return {};
  return routes.length === 1 ? routeWhere(routes[0]!) : { OR: routes.map(routeWhere) };
}

/** The same assignments as `assignmentScope`, as an SQL condition on the assignment aliased `a`. */
export function assignmentScopeSql(user: SessionUser): Prisma.Sql {
  const routes = assignmentRoutes(user);
  if (!routes) return Prisma.sql`true`;
  return Prisma.sql`(${Prisma.join(
    routes.map((r) => Prisma.sql`(${routeSql(r)})`),
    ' OR ',
  )})`;
}

/**
 * One way a report reaches a reviewer, as conditions on the report's assignment (all must hold):
 * its role, its unit, and the task's lead unit. A list of routes is read as "any of them".
 */
export type ReviewRoute = {
  role?: 'LEAD' | 'NOT_LEAD';
  unit?: { is: number } | { not: number } | 'STANDING_OFFICE';
  lead?: { unitId: number } | 'NONE';
};

/**
 * Reports this user decides on: the database form of lib/domain/review-routing.ts, and the ONE
 * home of that rule for queries. `reviewScope` (Prisma) and `reviewScopeSql` (raw SQL, for the
 * inbox: one query instead of Prisma's nested EXISTS per report) are both written from these
 * routes, mechanically; tests/integration/review-scope.test.ts checks that they select the same
 * reports for every user and that they agree with `reviewerFor`.
 */
export function reviewRoutes(user: SessionUser): ReviewRoute[] {
  if (user.role === 'CHAIRMAN') {
    // Rule 4: the standing office's own reports on tasks it leads or that have no lead.
    return [
      { role: 'LEAD', unit: 'STANDING_OFFICE' },
      { unit: 'STANDING_OFFICE', lead: 'NONE' },
    ];
  }
  if (user.role !== 'DEPARTMENT_HEAD') return [];
  // Rule 1: reports of other units on tasks this unit leads.
  const routes: ReviewRoute[] = [{ role: 'NOT_LEAD', lead: { unitId: user.unitId } }];
  if (user.isStandingOffice) {
    // Rule 3: other lead units' own reports. Rule 2: reports on tasks without a lead.
    routes.push({ role: 'LEAD', unit: { not: user.unitId } });
    routes.push({ role: 'NOT_LEAD', unit: { not: user.unitId }, lead: 'NONE' });
  }
  return routes;
}

/** A route as a Prisma filter on the assignment. */
function routeWhere(route: ReviewRoute): Prisma.AssignmentWhereInput {
  const where: Prisma.AssignmentWhereInput[] = [];
  if (route.role === 'LEAD') where.push({ role: 'LEAD' });
  if (route.role === 'NOT_LEAD') where.push({ role: { not: 'LEAD' } });
  if (route.unit === 'STANDING_OFFICE') where.push({ unit: { isStandingOffice: true } });
  else if (route.unit && 'is' in route.unit) where.push({ unitId: route.unit.is });
  else if (route.unit) where.push({ unitId: { not: route.unit.not } });
  if (route.lead === 'NONE') where.push({ task: { assignments: { none: { role: 'LEAD' } } } });
  else if (route.lead) where.push({ task: { assignments: { some: { role: 'LEAD', unitId: route.lead.unitId } } } });
  return { AND: where };
}

/**
 * A route as an SQL condition on the assignment aliased `a`. Each relation is an `IN (subquery)`
 * so that PostgreSQL can start from the small side (the lead's task, the standing office, the tasks
 * without a lead) instead of testing every report.
 */
function routeSql(route: ReviewRoute): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (route.role === 'LEAD') where.push(Prisma.sql`a.role = 'LEAD'`);
  if (route.role === 'NOT_LEAD') where.push(Prisma.sql`a.role <> 'LEAD'`);
  if (route.unit === 'STANDING_OFFICE')
    where.push(Prisma.sql`a."unitId" IN (SELECT so.id FROM "Unit" so WHERE so."isStandingOffice")`);
  else if (route.unit && 'is' in route.unit) where.push(Prisma.sql`a."unitId" = ${route.unit.is}`);
  else if (route.unit) where.push(Prisma.sql`a."unitId" <> ${route.unit.not}`);
  if (route.lead === 'NONE')
    where.push(
      Prisma.sql`a."taskId" IN (SELECT t.id FROM "Task" t WHERE NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."taskId" = t.id AND l.role = 'LEAD'))`,
    );
  else if (route.lead)
    where.push(
      Prisma.sql`a."taskId" IN (SELECT l."taskId" FROM "Assignment" l WHERE l.role = 'LEAD' AND l."unitId" = ${route.lead.unitId})`,
    );
  return where.length > 0 ? Prisma.join(where, ' AND ') : Prisma.sql`true`;
}

/** Reports this user decides on, as a Prisma filter (for one report: reviewing it, "may I review?"). */
export function reviewScope(user: SessionUser): Prisma.ReportWhereInput {
  const routes = reviewRoutes(user);
  if (routes.length === 0) return { id: -1 };
  return { assignment: { OR: routes.map(routeWhere) } };
}

/**
 * The same reports as `reviewScope`, as an SQL query: `SELECT <select> FROM "Report" r JOIN
 * "Assignment" a ON a.id = r."assignmentId" WHERE <where> AND <route>`, one per route, joined by
 * UNION (so each route gets its own plan; one WHERE with the routes OR-ed made PostgreSQL test the
 * routes on every report). `where` narrows every branch (the status, a unit).
 */
export function reviewReportsSql(
  user: SessionUser,
  { select, where = Prisma.sql`true` }: { select: Prisma.Sql; where?: Prisma.Sql },
): Prisma.Sql {
  const routes = reviewRoutes(user);
  const branch = (route: Prisma.Sql) =>
    Prisma.sql`SELECT ${select} FROM "Report" r JOIN "Assignment" a ON a.id = r."assignmentId" WHERE (${where}) AND ${route}`;
  if (routes.length === 0) return branch(Prisma.sql`false`);
  return Prisma.join(
    routes.map((r) => branch(routeSql(r))),
    ' UNION ',
  );
}
