/**
 * "Who decides on this report" has one home in the data layer: the routes of lib/data/scope.ts.
 * They are written twice, mechanically: as a Prisma filter (`reviewScope`: reviewing one report,
 * "may I review it?") and as SQL (`reviewReportsSql`: the review inbox, one query). This file checks,
 * for every role in every unit, on the seeded city and on randomised data (tasks losing, gaining or
 * doubling their lead, reports in every status, zero to two standing offices), that
 *   - the two forms select exactly the same reports, and the two forms of the assignment scope built
 *     from the same routes (`assignmentScope`, `assignmentScopeSql`: the API's list) the same assignments;
 *   - they agree with the written rule, `reviewerFor` (lib/domain/review-routing.ts);
 *   - the inbox (listReviewInbox) lists exactly those submitted reports, oldest first, page by page,
 *     with the right total, unit list and unit filter.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { prng } from '../support/prng';

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => signedIn.user }));

const { getDb, Prisma } = await import('../../lib/db');
const { assignmentScope, assignmentScopeSql, reviewScope, reviewReportsSql } = await import('../../lib/data/scope');
const { listReviewInbox } = await import('../../lib/data/work');
const { reviewerFor } = await import('../../lib/domain/review-routing');

const ROLES = ['ADMIN', 'CHAIRMAN', 'DEPARTMENT_HEAD', 'OFFICER'] as const;

/** Every role in every unit, as the data layer sees a signed-in user. */
async function everyone(): Promise<SessionUser[]> {
  const units = await getDb().unit.findMany({ orderBy: { id: 'asc' } });
  return units.flatMap((u) =>
    ROLES.map((role) => ({
      id: 0,
      username: `${role}@${u.code}`,
      displayName: role,
      role,
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      isStandingOffice: u.isStandingOffice,
      mustChangePassword: false,
    })),
  );
}

const who = (u: SessionUser) => `${u.role} of unit ${u.unitId}${u.isStandingOffice ? ' (standing office)' : ''}`;

async function viaPrisma(user: SessionUser, submittedOnly: boolean): Promise<number[]> {
  const rows = await getDb().report.findMany({
    where: { AND: [reviewScope(user), submittedOnly ? { status: 'SUBMITTED' } : {}] },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => r.id);
}

async function viaSql(user: SessionUser, submittedOnly: boolean): Promise<number[]> {
  const sql = reviewReportsSql(user, {
    select: Prisma.sql`r.id`,
    where: submittedOnly ? Prisma.sql`r.status = 'SUBMITTED'` : undefined,
  });
  const rows = await getDb().$queryRaw<{ id: number }[]>`SELECT x.id FROM (${sql}) x ORDER BY x.id`;
  return rows.map((r) => r.id);
}

/** The assignments a user may see (assignmentScope), through Prisma and through the SQL form. */
async function assignmentsBoth(user: SessionUser): Promise<{ prisma: number[]; sql: number[] }> {
  const db = getDb();
  const [prisma, sql] = await Promise.all([
    db.assignment.findMany({ where: assignmentScope(user), select: { id: true }, orderBy: { id: 'asc' } }),
    db.$queryRaw<{ id: number }[]>`SELECT a.id FROM "Assignment" a WHERE ${assignmentScopeSql(user)} ORDER BY a.id`,
  ]);
  return { prisma: prisma.map((a) => a.id), sql: sql.map((a) => a.id) };
}

/**
 * Both forms of both rules, for every user; returns the users whose two answers differ (with both
 * answers): the reports they review, and the assignments they may see.
 */
async function disagreements(users: SessionUser[]) {
  const found: { user: string; prisma: number[]; sql: number[] }[] = [];
  for (const user of users) {
    const seen = await assignmentsBoth(user);
    if (seen.prisma.join() !== seen.sql.join()) found.push({ user: `${who(user)}: assignments`, ...seen });
    for (const submittedOnly of [false, true]) {
      const [prisma, sql] = await Promise.all([viaPrisma(user, submittedOnly), viaSql(user, submittedOnly)]);
      if (prisma.join() !== sql.join()) found.push({ user: who(user), prisma, sql });
    }
  }
  return found;
}

/**
 * The written rule, report by report: each report is in the scope of exactly the user the rule
 * names (a head of that unit, or the chairman). Only defined with one standing office and at most
 * one lead per task; returns the number of reports checked and the mismatches.
 */
async function ruleMismatches(users: SessionUser[]) {
  const db = getDb();
  const offices = await db.unit.findMany({ where: { isStandingOffice: true }, select: { id: true } });
  if (offices.length !== 1) return { checked: 0, mismatches: [] };
  const reports = await db.report.findMany({
    select: {
      id: true,
      assignment: {
        select: {
          unitId: true,
          role: true,
          task: { select: { assignments: { where: { role: 'LEAD' }, select: { unitId: true } } } },
        },
      },
    },
  });
  const scopes = new Map<SessionUser, Set<number>>();
  for (const user of users) scopes.set(user, new Set(await viaSql(user, false)));
  const mismatches: string[] = [];
  let checked = 0;
  for (const r of reports) {
    const leads = r.assignment.task.assignments;
    if (leads.length > 1) continue;
    checked += 1;
    const reviewer = reviewerFor({
      reportUnitId: r.assignment.unitId,
      reportIsLead: r.assignment.role === 'LEAD',
      leadUnitId: leads[0]?.unitId ?? null,
      standingOfficeUnitId: offices[0]!.id,
    });
    for (const user of users) {
      const named =
        reviewer.kind === 'CHAIRMAN'
          ? user.role === 'CHAIRMAN'
          : user.role === 'DEPARTMENT_HEAD' && user.unitId === reviewer.unitId;
      if (scopes.get(user)!.has(r.id) !== named)
        mismatches.push(`report ${r.id}: ${who(user)} ${named ? 'missing it' : 'has it'}`);
    }
  }
  return { checked, mismatches };
}

/** Walks a reviewer's whole inbox two ways (pages of 7, and one unit) and compares it with the Prisma form. */
async function inboxProblems(user: SessionUser): Promise<string[]> {
  const db = getDb();
  const expected = await db.report.findMany({
    where: { AND: [reviewScope(user), { status: 'SUBMITTED' }] },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, assignment: { select: { unitId: true, unit: { select: { name: true } } } } },
  });
  signedIn.user = user;
  const problems: string[] = [];
  const seen: number[] = [];
  let cursor: string | undefined;
  let units: { id: number; name: string }[] = [];
  for (let page = 0; page < 1000; page += 1) {
    const got = await listReviewInbox({ limit: 7, cursor });
    if (got.total !== expected.length) problems.push(`${who(user)}: total ${got.total}, expected ${expected.length}`);
    if (page === 0) units = got.units;
    seen.push(...got.items.map((i) => i.reportId));
    if (!got.nextCursor) break;
    cursor = got.nextCursor;
  }
  const ids = expected.map((r) => r.id);
  if (seen.join() !== ids.join()) problems.push(`${who(user)}: listed [${seen}], expected [${ids}]`);
  const unitNames = [...new Map(expected.map((r) => [r.assignment.unitId, r.assignment.unit.name])).values()];
  if (
    units
      .map((u) => u.name)
      .sort()
      .join() !== unitNames.sort().join()
  )
    problems.push(`${who(user)}: unit filter offers [${units.map((u) => u.name)}], expected [${unitNames}]`);
  const one = expected[Math.floor(expected.length / 2)]?.assignment.unitId;
  if (one !== undefined) {
    const narrowed = await listReviewInbox({ limit: 100, unit: one, withUnits: false });
    const want = expected.filter((r) => r.assignment.unitId === one).map((r) => r.id);
    if (narrowed.items.map((i) => i.reportId).join() !== want.join() || narrowed.total !== want.length)
      problems.push(
        `${who(user)}: unit ${one} narrowed to [${narrowed.items.map((i) => i.reportId)}], expected [${want}]`,
      );
  }
  signedIn.user = null;
  return problems;
}

const reviewers = (users: SessionUser[]) => users.filter((u) => u.role === 'CHAIRMAN' || u.role === 'DEPARTMENT_HEAD');

/**
 * Random changes of everything the rule reads: leads removed, moved or doubled, roles changed,
 * report statuses and submission times (with ties), and which units are standing offices.
 */
async function shuffle(random: () => number) {
  const db = getDb();
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const tasks = await db.task.findMany({
    select: { id: true, assignments: { select: { id: true, role: true }, orderBy: { id: 'asc' } } },
  });
  for (const task of tasks) {
    if (task.assignments.length < 2 || random() > 0.5) continue;
    const lead = task.assignments.find((a) => a.role === 'LEAD');
    const others = task.assignments.filter((a) => a.role !== 'LEAD');
    if (others.length === 0) continue;
    const other = pick(others);
    const move = random();
    if (lead && move < 0.25) {
      await db.assignment.update({ where: { id: lead.id }, data: { role: 'COORDINATING' } }); // no lead
    } else if (move < 0.6) {
      if (lead) await db.assignment.update({ where: { id: lead.id }, data: { role: 'IMPLEMENTING' } });
      await db.assignment.update({ where: { id: other.id }, data: { role: 'LEAD' } }); // lead moved
    } else if (lead && move < 0.85) {
      await db.assignment.update({ where: { id: other.id }, data: { role: 'LEAD' } }); // a second lead
    } else {
      await db.assignment.update({
        where: { id: other.id },
        data: { role: other.role === 'COORDINATING' ? 'IMPLEMENTING' : 'COORDINATING' },
      });
    }
  }
  const reports = await db.report.findMany({ select: { id: true } });
  const ties = [new Date('2026-11-02T01:00:00Z'), new Date('2026-11-03T01:00:00Z')];
  for (const r of reports) {
    if (random() > 0.3) continue;
    const status = pick(['DRAFT', 'SUBMITTED', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const);
    const submittedAt =
      status === 'DRAFT' ? null : random() < 0.3 ? pick(ties) : new Date(Date.UTC(2026, 9, 1) + random() * 5e9);
    await db.report.update({ where: { id: r.id }, data: { status, submittedAt } });
  }
  const units = await db.unit.findMany({ select: { id: true } });
  const offices = random() < 0.15 ? 0 : random() < 0.85 ? 1 : 2;
  await db.unit.updateMany({ data: { isStandingOffice: false } });
  for (let i = 0; i < offices; i += 1)
    await db.unit.update({ where: { id: pick(units).id }, data: { isStandingOffice: true } });
}

describe('the review and assignment scopes: one set of routes, its Prisma and SQL forms and the inbox agree', () => {
  it('on the seeded city, for every role in every unit', async () => {
    const users = await everyone();
    expect(users.length).toBeGreaterThanOrEqual(4 * 20);
    expect(await disagreements(users)).toEqual([]);
    // The assignment scopes compared above are not trivial: every head sees at least their unit's; some
    // (the standing office's, in the seed) see more, some less than everything.
    const all = await getDb().assignment.count();
    const officers = new Map(users.filter((u) => u.role === 'OFFICER').map((u) => [u.unitId, u]));
    const wider: number[] = [];
    const narrower: number[] = [];
    for (const head of users.filter((u) => u.role === 'DEPARTMENT_HEAD')) {
      const [headSees, officerSees] = await Promise.all([
        assignmentsBoth(head),
        assignmentsBoth(officers.get(head.unitId)!),
      ]);
      expect(headSees.sql.length).toBeGreaterThanOrEqual(officerSees.sql.length);
      if (headSees.sql.length > officerSees.sql.length) wider.push(head.unitId);
      if (headSees.sql.length < all) narrower.push(head.unitId);
    }
    expect(wider.length).toBeGreaterThan(0);
    expect(narrower.length).toBeGreaterThan(0);
    const { checked, mismatches } = await ruleMismatches(users);
    expect(checked).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
    // The seeded city has reports waiting for the chairman, the standing office and a lead department.
    const heads = reviewers(users);
    const waiting = await Promise.all(heads.map((u) => viaSql(u, true)));
    expect(waiting.filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(3);
    for (const user of heads) expect(await inboxProblems(user)).toEqual([]);
  }, 300_000);

  it('on randomised data (seed 20261201), round after round', async () => {
    const random = prng(20261201);
    let twoLeads = 0;
    let noLead = 0;
    let checkedTotal = 0;
    for (let round = 0; round < 5; round += 1) {
      await shuffle(random);
      const users = await everyone();
      expect(await disagreements(users), `round ${round}`).toEqual([]);
      const { checked, mismatches } = await ruleMismatches(users);
      checkedTotal += checked;
      expect(mismatches, `round ${round}`).toEqual([]);
      const heads = reviewers(users);
      // The inbox, for a sample of reviewers each round (every one would take minutes).
      for (const user of heads.filter(() => random() < 0.25)) expect(await inboxProblems(user)).toEqual([]);
      const [cases] = await getDb().$queryRaw<{ two: number; none: number }[]>`
        SELECT count(*) FILTER (WHERE n > 1)::int AS two, count(*) FILTER (WHERE n = 0)::int AS none
        FROM (SELECT (SELECT count(*) FROM "Assignment" a WHERE a."taskId" = t.id AND a.role = 'LEAD') AS n FROM "Task" t) x`;
      twoLeads += cases!.two;
      noLead += cases!.none;
    }
    // The randomised data did reach the cases it is for.
    expect(twoLeads).toBeGreaterThan(0);
    expect(noLead).toBeGreaterThan(0);
    expect(checkedTotal).toBeGreaterThan(500);
  }, 600_000);
});
