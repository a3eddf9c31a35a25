import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { audit } from './audit';
import { loadWorkCalendar } from './calendar';
import { requirePermission } from './guard';
import { resolveSigner } from './signers';
import { notifyEach, notifyUsers, unitMemberIds } from './notify';
import { readAssignment } from './assignment-read';
import { slotsAtCte } from './status-sql';
import {
  DEFAULT_URGING_LADDER,
  stepsReached,
  stepLabel,
  unitMessageTitle,
  workingDaysOverdue,
  type UrgingAudience,
  type UrgingStep,
} from '../domain/urging';
import { addWorkingDays } from '../domain/working-days';
import { formatDateVn, fromDbDate, toDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { DEFAULT_ISSUING_BODY } from '../exports/docx';
import { buildUrgingLetter, letterSubject } from '../exports/urging-letter';
import { can, type SessionUser } from '../permissions';
import { StoredUrgingLadder, type UrgingLadderInput, type UrgingLetterInput } from '../validation/urging';

/**
 * The urging ladder and the Công văn đôn đốc (decision 018). The ladder's steps live on the
 * programme (Programme.urgingLadder: null = DEFAULT_URGING_LADDER); `runUrgingLadder` is the
 * scheduled job (lib/jobs/registry.ts) that sends each step once per deadline (UrgingSent's unique
 * key); the letter lists the overdue work by the official status rule in SQL (lib/data/status-sql.ts),
 * the same rule as the dashboard's.
 */

type Tx = Prisma.TransactionClient;

/** Steps recorded and notified per transaction. */
const URGING_BATCH = 200;

/** The steps stored on a programme; a value that is not a ladder (hand-edited) falls back to the default. */
export function ladderOf(stored: Prisma.JsonValue | null): UrgingStep[] {
  if (stored === null) return DEFAULT_URGING_LADDER.map((s) => ({ ...s, audiences: [...s.audiences] }));
  const parsed = StoredUrgingLadder.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_URGING_LADDER.map((s) => ({ ...s, audiences: [...s.audiences] }));
}

/** The programme's ladder for its administration page. */
export async function getUrgingLadder(programmeId: number) {
  await requirePermission('programme:manage');
  const p = await getDb().programme.findUnique({ where: { id: programmeId }, select: { urgingLadder: true } });
  if (!p) throw new NotFoundError();
  return { steps: ladderOf(p.urgingLadder), isDefault: p.urgingLadder === null };
}

export async function saveUrgingLadder(input: UrgingLadderInput): Promise<void> {
  const user = await requirePermission('programme:manage');
  await getDb().$transaction(async (tx) => {
    const updated = await tx.programme.updateMany({
      where: { id: input.programmeId },
      data: { urgingLadder: input.steps as unknown as Prisma.InputJsonValue },
    });
    if (updated.count === 0) throw new NotFoundError();
    await audit(tx, {
      actorId: user.id,
      action: 'urging.ladder_changed',
      entityType: 'Programme',
      entityId: input.programmeId,
      data: { steps: input.steps as unknown as Prisma.InputJsonValue },
    });
  });
}

// ───────────────────────────── The scheduled job ─────────────────────────────

/** A step owed today: the most advanced step reached for an open deadline, neither it nor a later one sent. */
export type DueStep = {
  programmeId: number;
  assignmentId: number;
  unitId: number;
  unitName: string;
  due: IsoDate;
  offsetDays: number;
  taskCode: string;
  taskTitle: string;
};

/**
 * The query of `listDueUrgingSteps` (null when no programme has a step today), and the active
 * programmes with their ladders; exported for scripts/bench-jobs.ts (EXPLAIN).
 */
export async function dueUrgingStepsQuery(now: Date): Promise<{
  programmes: Map<number, { title: string; ladder: UrgingStep[] }>;
  sql: Prisma.Sql | null;
}> {
  const calendar = await loadWorkCalendar();
  const today = vnDateOf(now);
  const active = await getDb().programme.findMany({
    where: { status: 'ACTIVE' },
    orderBy: { id: 'asc' },
    select: { id: true, title: true, urgingLadder: true },
  });
  const programmes = new Map(active.map((p) => [p.id, { title: p.title, ladder: ladderOf(p.urgingLadder) }]));
  const thresholds = [...programmes].flatMap(([id, p]) =>
    stepsReached(today, p.ladder, calendar).map(
      (s) => Prisma.sql`(${id}::int, ${s.offsetDays}::int, ${s.latestDue}::date)`,
    ),
  );
  if (thresholds.length === 0) return { programmes, sql: null };
  const ids = [...programmes.keys()];
  const sql = Prisma.sql`
    WITH ${slotsAtCte([now], { where: Prisma.sql`t."programmeId" IN (${Prisma.join(ids)})`, live: true })},
    ladder(programme_id, offset_days, latest_due) AS (VALUES ${Prisma.join(thresholds)}),
    reached AS (
      SELECT DISTINCT ON (s.assignment_id) s.assignment_id, s.programme_id, s.unit_id, s.task_id, s.due, l.offset_days
      FROM slots s
      JOIN ladder l ON l.programme_id = s.programme_id AND s.due <= l.latest_due
      WHERE s.completed IS NULL
      ORDER BY s.assignment_id, l.offset_days DESC
    )
    SELECT r.programme_id, r.assignment_id, r.unit_id, u.name AS unit_name, r.due, r.offset_days,
           sec.numeral || '.' || t.number AS task_code, t.title AS task_title
    FROM reached r
    JOIN "Unit" u ON u.id = r.unit_id AND u.active
    JOIN "Task" t ON t.id = r.task_id
    JOIN "Section" sec ON sec.id = t."sectionId"
    WHERE NOT EXISTS (
      SELECT 1 FROM "UrgingSent" us
      WHERE us."assignmentId" = r.assignment_id AND us."dueDate" = r.due AND us."offsetDays" >= r.offset_days)
    ORDER BY r.programme_id, r.assignment_id`;
  return { programmes, sql };
}

/**
 * Every step the ladder owes at `now`, for all active programmes in one set-based query: the
 * official status rule in SQL (slotsAtCte on the read model: the deadline in force, a recurring
 * task's oldest period owed; completed work is never urged) joined with each programme's steps
 * and the latest deadline each step reaches today (lib/domain/urging.ts `stepsReached`, the one
 * home of "which step today", so a day off yields no steps), minus the steps already sent
 * (UrgingSent) — a step older than one already sent (a ladder edited since) is not sent.
 */
export async function listDueUrgingSteps(now = new Date()): Promise<{
  programmes: Map<number, { title: string; ladder: UrgingStep[] }>;
  steps: DueStep[];
}> {
  const { programmes, sql } = await dueUrgingStepsQuery(now);
  const rows = sql
    ? await getDb().$queryRaw<
        {
          programme_id: number;
          assignment_id: number;
          unit_id: number;
          unit_name: string;
          due: Date;
          offset_days: number;
          task_code: string;
          task_title: string;
        }[]
      >(sql)
    : [];
  return {
    programmes,
    steps: rows.map((r) => ({
      programmeId: r.programme_id,
      assignmentId: r.assignment_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      due: fromDbDate(r.due),
      offsetDays: r.offset_days,
      taskCode: r.task_code,
      taskTitle: r.task_title,
    })),
  };
}

/**
 * The urging ladder's run at `now` — a system job, not a user action, and the only deadline
 * reminder (decision 026). Each step of `listDueUrgingSteps` is recorded once in UrgingSent — its
 * unique key makes a second run, or a second instance, send nothing — and only the run that
 * recorded it notifies (in the app and, through notifyEach, by e-mail): the unit's officers and
 * leader one notification per task, the standing office and the chairman one summary per
 * programme and step.
 */
export async function runUrgingLadder(now = new Date()): Promise<{ steps: number; notifications: number }> {
  const db = getDb();
  const calendar = await loadWorkCalendar();
  const today = vnDateOf(now);
  const { programmes, steps: due } = await listDueUrgingSteps(now);
  let steps = 0;
  let notifications = 0;
  for (const [programmeId, programme] of programmes) {
    const todo = due.filter((d) => d.programmeId === programmeId);
    // A few hundred tasks per transaction: a city's first run (every late task at once) stays short.
    for (let from = 0; from < todo.length; from += URGING_BATCH) {
      const result = await sendSteps({ id: programmeId, ...programme }, todo.slice(from, from + URGING_BATCH));
      steps += result.steps;
      notifications += result.notifications;
    }
  }
  return { steps, notifications };

  async function sendSteps(programme: { id: number; title: string; ladder: UrgingStep[] }, todo: DueStep[]) {
    const stepOf = new Map(programme.ladder.map((s) => [s.offsetDays, s]));
    return db.$transaction(
      async (tx) => {
        const people = await audiencesOf(tx, [...new Set(todo.map((x) => x.unitId))]);
        const audiencesAt = (x: DueStep) => stepOf.get(x.offsetDays)?.audiences ?? [];
        const created = await tx.urgingSent.createManyAndReturn({
          data: todo.map((x) => ({
            assignmentId: x.assignmentId,
            dueDate: toDbDate(x.due),
            offsetDays: x.offsetDays,
            audiences: audiencesAt(x),
            recipients: audiencesAt(x).reduce((n, a) => n + people(a, x.unitId).length, 0),
            sentAt: now,
          })),
          skipDuplicates: true,
          select: { assignmentId: true, offsetDays: true },
        });
        const mine = new Set(created.map((c) => `${c.assignmentId}:${c.offsetDays}`));
        const done = todo.filter((x) => mine.has(`${x.assignmentId}:${x.offsetDays}`));
        // The unit's own people: one notification per task.
        const messages = done.map((x) => ({
          userIds: audiencesAt(x)
            .filter((a) => a === 'OFFICERS' || a === 'LEADER')
            .flatMap((a) => people(a, x.unitId)),
          message: {
            kind: 'urging.step',
            title: unitMessageTitle(x.due, today, calendar),
            body: `${x.taskCode} ${x.taskTitle} — ${x.unitName}`,
            link: `/assignments/${x.assignmentId}`,
          },
        }));
        // The standing office and the chairman: one summary per step.
        for (const audience of ['STANDING_OFFICE', 'CHAIRMAN'] as const) {
          const byStep = new Map<number, DueStep[]>();
          for (const x of done.filter((x) => audiencesAt(x).includes(audience)))
            byStep.set(x.offsetDays, [...(byStep.get(x.offsetDays) ?? []), x]);
          for (const [offset, items] of byStep) {
            const units = [...new Set(items.map((x) => x.unitName))];
            messages.push({
              userIds: people(audience, 0),
              message: {
                kind: 'urging.escalated',
                title: `Đôn đốc (${stepLabel(offset).toLowerCase()}): ${items.length} nhiệm vụ của ${units.length} đơn vị`,
                body: `${programme.title}: ${units.slice(0, 5).join(', ')}${units.length > 5 ? ` và ${units.length - 5} đơn vị khác` : ''}`,
                link:
                  audience === 'STANDING_OFFICE'
                    ? `/urging?programme=${programme.id}`
                    : `/dashboard?programme=${programme.id}`,
              },
            });
          }
        }
        return { steps: done.length, notifications: await notifyEach(tx, messages) };
      },
      { maxWait: 60_000, timeout: 120_000 },
    );
  }
}

/**
 * The active users each audience names (lib/domain/urging.ts): for the given units their officers
 * and leaders (DEPARTMENT_HEAD), and the standing office's heads and officers and the chairmen —
 * read in two queries for a whole batch.
 */
async function audiencesOf(tx: Tx, unitIds: number[]): Promise<(audience: UrgingAudience, unitId: number) => number[]> {
  const [own, city] = await Promise.all([
    tx.user.findMany({
      where: { unitId: { in: unitIds }, active: true, role: { in: ['OFFICER', 'DEPARTMENT_HEAD'] } },
      select: { id: true, unitId: true, role: true },
      orderBy: { id: 'asc' },
    }),
    tx.user.findMany({
      where: {
        active: true,
        OR: [
          { unit: { isStandingOffice: true, active: true }, role: { in: ['DEPARTMENT_HEAD', 'OFFICER'] } },
          { role: 'CHAIRMAN' },
        ],
      },
      select: { id: true, role: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const key = (role: string, unitId: number | null) => `${role}:${unitId}`;
  const byUnit = new Map<string, number[]>();
  for (const u of own) byUnit.set(key(u.role, u.unitId), [...(byUnit.get(key(u.role, u.unitId)) ?? []), u.id]);
  const chairmen = city.filter((u) => u.role === 'CHAIRMAN').map((u) => u.id);
  const standingOffice = city.filter((u) => u.role !== 'CHAIRMAN').map((u) => u.id);
  return (audience, unitId) =>
    audience === 'OFFICERS'
      ? (byUnit.get(key('OFFICER', unitId)) ?? [])
      : audience === 'LEADER'
        ? (byUnit.get(key('DEPARTMENT_HEAD', unitId)) ?? [])
        : audience === 'STANDING_OFFICE'
          ? standingOffice
          : chairmen;
}

// ───────────────────────────── The Công văn đôn đốc ─────────────────────────────

export type OverdueUnit = {
  unitId: number;
  name: string;
  kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE';
  tasks: { assignmentId: number; code: string; title: string; due: IsoDate; daysOverdue: number }[];
};

/** The programmes a letter can be made for (active ones). */
export async function listUrgingProgrammes() {
  await requirePermission('urging:manage');
  return getDb().programme.findMany({
    where: { status: 'ACTIVE' },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      title: true,
      sections: { orderBy: { order: 'asc' }, select: { id: true, numeral: true, title: true } },
    },
  });
}

/**
 * The overdue units of a programme at `now` and their overdue tasks — status "Đang thực hiện quá
 * hạn" by the official rule in SQL (the dashboard's) — optionally of one section and one kind of
 * unit; units in the order of the dashboard (departments, then wards and communes), by name.
 */
export async function listOverdueUnits(
  input: Pick<UrgingLetterInput, 'programmeId' | 'sectionId' | 'unitKind'>,
  { now = new Date() }: { now?: Date } = {},
) {
  await requirePermission('urging:manage');
  const db = getDb();
  const programme = await db.programme.findUnique({
    where: { id: input.programmeId },
    select: { id: true, title: true, documentNumber: true, issuingBody: true },
  });
  if (!programme) throw new NotFoundError();
  const filters = [Prisma.sql`t."programmeId" = ${programme.id}`];
  if (input.sectionId !== null) filters.push(Prisma.sql`t."sectionId" = ${input.sectionId}`);
  const kinds =
    input.unitKind === 'DEPARTMENT' ? ['DEPARTMENT'] : input.unitKind === 'WARD_COMMUNE' ? ['WARD', 'COMMUNE'] : null;
  const rows = await db.$queryRaw<
    {
      assignment_id: number;
      unit_id: number;
      unit_name: string;
      unit_kind: OverdueUnit['kind'];
      due: Date;
      code: string;
      title: string;
    }[]
  >(Prisma.sql`
    WITH ${slotsAtCte([now], { where: Prisma.join(filters, ' AND ') })}
    SELECT s.assignment_id, s.unit_id, u.name AS unit_name, u.kind::text AS unit_kind, s.due,
           sec.numeral || '.' || t.number AS code, t.title
    FROM slots s
    JOIN "Unit" u ON u.id = s.unit_id AND u.active
    JOIN "Task" t ON t.id = s.task_id
    JOIN "Section" sec ON sec.id = t."sectionId"
    WHERE s.status = 'IN_PROGRESS_OVERDUE'
      ${kinds ? Prisma.sql`AND u.kind::text IN (${Prisma.join(kinds)})` : Prisma.empty}
    ORDER BY u.kind, u.name, u.id, sec."order", t."order", t.id`);
  const calendar = await loadWorkCalendar();
  const today = vnDateOf(now);
  const units: OverdueUnit[] = [];
  for (const r of rows) {
    let unit = units.at(-1);
    if (unit?.unitId !== r.unit_id) {
      unit = { unitId: r.unit_id, name: r.unit_name, kind: r.unit_kind, tasks: [] };
      units.push(unit);
    }
    const due = fromDbDate(r.due);
    unit.tasks.push({
      assignmentId: r.assignment_id,
      code: r.code,
      title: r.title,
      due,
      daysOverdue: workingDaysOverdue(due, today, calendar),
    });
  }
  return { programme, units };
}

/**
 * In one step: the letter for the overdue units of `input` as they stand now, stored with the
 * assignments it lists (their urging history), a notification to everyone of each listed unit with
 * the link to download it, and an audit event — all or nothing.
 */
export async function createUrgingLetter(
  input: Omit<UrgingLetterInput, 'signerId'> & { signerId?: number | null },
  { now = new Date() }: { now?: Date } = {},
): Promise<{ letterId: number; units: number; tasks: number }> {
  const user = await requirePermission('urging:manage');
  const { programme, units } = await listOverdueUnits(input, { now });
  if (units.length === 0)
    throw new ConflictError(
      'Không có đơn vị nào có nhiệm vụ quá hạn trong phạm vi đã chọn: không cần công văn đôn đốc.',
    );
  const calendar = await loadWorkCalendar();
  const today = vnDateOf(now);
  const signer = await resolveSigner(input.signerId ?? null);
  const issuingBody = programme.issuingBody || DEFAULT_ISSUING_BODY;
  const subject = letterSubject(programme.title);
  const content = await buildUrgingLetter({
    issuingBody,
    programme,
    date: today,
    replyBy: addWorkingDays(today, 5, calendar),
    units,
    signer,
  });
  const tasks = units.reduce((n, u) => n + u.tasks.length, 0);
  const letterId = await getDb().$transaction(async (tx) => {
    const letter = await tx.urgingLetter.create({
      data: {
        programmeId: programme.id,
        subject,
        fileName: `cong-van-don-doc-${today}.docx`,
        content: new Uint8Array(content),
        createdById: user.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.urgingLetterItem.createMany({
      data: units.flatMap((u) =>
        u.tasks.map((t) => ({
          letterId: letter.id,
          assignmentId: t.assignmentId,
          unitId: u.unitId,
          dueDate: toDbDate(t.due),
          daysOverdue: t.daysOverdue,
        })),
      ),
    });
    for (const u of units) {
      await notifyUsers(tx, await unitMemberIds(tx, u.unitId), {
        kind: 'urging.letter',
        title: `Công văn đôn đốc: ${u.tasks.length} nhiệm vụ quá hạn của đơn vị`,
        body: subject,
        link: `/api/urging-letters/${letter.id}`,
      });
    }
    await audit(tx, {
      actorId: user.id,
      action: 'urging.letter_created',
      entityType: 'UrgingLetter',
      entityId: letter.id,
      data: { programmeId: programme.id, units: units.length, tasks, signer: signer.title },
    });
    return letter.id;
  });
  return { letterId, units: units.length, tasks };
}

/** The letters made for a programme, newest first. */
export async function listUrgingLetters(programmeId: number) {
  await requirePermission('urging:manage');
  const letters = await getDb().urgingLetter.findMany({
    where: { programmeId },
    orderBy: { id: 'desc' },
    take: 20,
    select: {
      id: true,
      subject: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
      _count: { select: { items: true } },
      items: { distinct: ['unitId'], select: { unitId: true } },
    },
  });
  return letters.map((l) => ({
    id: l.id,
    subject: l.subject,
    createdAt: l.createdAt,
    createdBy: l.createdBy.displayName,
    tasks: l._count.items,
    units: l.items.length,
  }));
}

/** Who may download every letter: those who make them, and the chairmen who sign them. */
function readsEveryLetter(user: SessionUser): boolean {
  return can(user, 'urging:manage') || user.role === 'CHAIRMAN';
}

/** The stored .docx: for those who make and sign letters, and for the units it was sent to; "not found" to anyone else. */
export async function getUrgingLetterFile(letterId: number) {
  const user = await requirePermission('work:read-own');
  const letter = await getDb().urgingLetter.findFirst({
    where: readsEveryLetter(user) ? { id: letterId } : { id: letterId, items: { some: { unitId: user.unitId } } },
    select: { fileName: true, content: true },
  });
  if (!letter) throw new NotFoundError();
  return { fileName: letter.fileName, content: Buffer.from(letter.content) };
}

/**
 * An assignment's urging history for its page: the ladder's steps sent and the letters that listed
 * it, newest first; the letter's link only for those who may download it.
 */
export async function getUrgingHistory(assignmentId: number) {
  const { user, assignment } = await readAssignment(assignmentId);
  const a = { id: assignment.id, unitId: assignment.unit.id };
  const db = getDb();
  // Most assignments were never urged (read with the assignment): their two reads are skipped.
  const [sent, letters] = await Promise.all([
    !assignment.has.urgingSent
      ? []
      : db.urgingSent.findMany({
          where: { assignmentId },
          orderBy: { sentAt: 'desc' },
          take: 50,
          select: { id: true, dueDate: true, offsetDays: true, audiences: true, sentAt: true },
        }),
    !assignment.has.urgingLetters
      ? []
      : db.urgingLetterItem.findMany({
          where: { assignmentId },
          orderBy: { letterId: 'desc' },
          take: 50,
          select: {
            dueDate: true,
            daysOverdue: true,
            letter: {
              select: { id: true, subject: true, createdAt: true, createdBy: { select: { displayName: true } } },
            },
          },
        }),
  ]);
  const mayDownload = readsEveryLetter(user) || a.unitId === user.unitId;
  const events = [
    ...sent.map((s) => ({
      key: `s${s.id}`,
      at: s.sentAt,
      kind: 'step' as const,
      label: `Nhắc tự động (${stepLabel(s.offsetDays).toLowerCase()}, hạn ${formatDateVn(fromDbDate(s.dueDate))})`,
      audiences: s.audiences as UrgingAudience[],
      link: null,
    })),
    ...letters.map((l) => ({
      key: `l${l.letter.id}`,
      at: l.letter.createdAt,
      kind: 'letter' as const,
      label: `Công văn đôn đốc (quá hạn ${l.daysOverdue} ngày làm việc) — ${l.letter.createdBy.displayName} lập`,
      audiences: [] as UrgingAudience[],
      link: mayDownload ? `/api/urging-letters/${l.letter.id}` : null,
    })),
  ];
  return events.sort((x, y) => y.at.getTime() - x.at.getTime());
}
