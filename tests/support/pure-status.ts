/**
 * The official status of every assignment "as it stood" at a moment, computed in TypeScript with
 * the pure rule (lib/domain/status.ts over lib/domain/slot.ts) from facts filtered to what was
 * recorded by then — the reference the SQL (lib/data/status-sql.ts, slotsAtCte) is compared with.
 * What "as it stood" means is written in slotsAtCte's header; this is its plain re-statement.
 */
import { getDb } from '../../lib/db';
import { slotStatusInput } from '../../lib/domain/slot';
import { computeStatus, type OfficialStatus } from '../../lib/domain/status';
import { fromDbDate, vnDateOf } from '../../lib/domain/time';

const known = (at: Date | null, asOf: Date): Date | null => (at && at.getTime() <= asOf.getTime() ? at : null);

export async function pureStatusesAt(asOf: Date): Promise<Record<number, OfficialStatus>> {
  const today = vnDateOf(asOf);
  const rows = await getDb().assignment.findMany({
    where: { task: { archivedAt: null } },
    select: {
      id: true,
      dueDate: true,
      startedAt: true,
      completedAt: true,
      createdAt: true,
      task: { select: { recurrence: true, programme: { select: { periodStart: true } } } },
      unit: { select: { validTo: true } },
      reports: { select: { periodKey: true, completedAt: true, createdAt: true } },
      extensions: {
        where: { status: 'APPROVED' },
        orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
        select: { decidedAt: true, previousDueDate: true },
      },
    },
  });
  const result: Record<number, OfficialStatus> = {};
  for (const a of rows) {
    const periodStart = a.task.programme.periodStart ? fromDbDate(a.task.programme.periodStart) : null;
    const exists = (periodStart !== null && periodStart <= today) || a.createdAt.getTime() <= asOf.getTime();
    if (!exists) continue;
    // An extension approved after the moment is not known yet: the deadline is the one it replaced.
    const undone = a.extensions.find((e) => e.decidedAt !== null && e.decidedAt.getTime() > asOf.getTime());
    const dueDate = undone ? undone.previousDueDate : a.dueDate;
    const input = slotStatusInput(
      {
        recurrence: a.task.recurrence,
        dueDate: dueDate ? fromDbDate(dueDate) : null,
        startedAt: known(a.startedAt, asOf),
        completedAt: known(a.completedAt, asOf),
        assignedOn: vnDateOf(a.createdAt),
        reports: a.reports.filter((r) => r.createdAt.getTime() <= asOf.getTime()),
        unitEndedOn: a.unit.validTo ? fromDbDate(a.unit.validTo) : null,
      },
      today,
      asOf,
    );
    result[a.id] = computeStatus(input, asOf).status;
  }
  return result;
}
