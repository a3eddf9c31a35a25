import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { DUE_SOON_DAYS } from '../domain/status';
import { fromDbDate, toDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { dueSoonUntil, WorkCalendar } from '../domain/working-days';
import type { CalendarDayInput } from '../validation/calendar';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * The working-day calendar (decision 015): public holidays from date-holidays (lib/domain/working-days.ts)
 * completed by the administrator's yearly swaps and bridges (WorkCalendarDay). The table is small
 * (a few rows a year): it is read whole whenever a calendar is needed.
 */
export async function loadWorkCalendar(db: Pick<Prisma.TransactionClient, 'workCalendarDay'> = getDb()) {
  const rows = await db.workCalendarDay.findMany({ select: { date: true, working: true, note: true } });
  return new WorkCalendar(rows.map((r) => ({ date: fromDbDate(r.date), working: r.working, note: r.note })));
}

/** The last deadline that is "Sắp đến hạn" at `now`: within DUE_SOON_DAYS working days. */
export async function dueSoonLimit(now: Date): Promise<IsoDate> {
  return dueSoonUntil(vnDateOf(now), DUE_SOON_DAYS, await loadWorkCalendar());
}

export async function listCalendarDays() {
  await requirePermission('calendar:manage');
  const rows = await getDb().workCalendarDay.findMany({
    orderBy: { date: 'desc' },
    select: { date: true, working: true, note: true },
  });
  return rows.map((r) => ({ date: fromDbDate(r.date), working: r.working, note: r.note }));
}

export async function addCalendarDay(input: CalendarDayInput): Promise<void> {
  const user = await requirePermission('calendar:manage');
  await getDb().$transaction(async (tx) => {
    try {
      await tx.workCalendarDay.create({
        data: { date: toDbDate(input.date), working: input.working, note: input.note, createdById: user.id },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new ConflictError('Ngày này đã có trong lịch điều chỉnh: xóa dòng cũ trước khi nhập lại.');
      throw error;
    }
    await audit(tx, {
      actorId: user.id,
      action: 'calendar.changed',
      entityType: 'WorkCalendarDay',
      entityId: input.date,
      data: { working: input.working, note: input.note },
    });
  });
}

export async function removeCalendarDay(date: IsoDate): Promise<void> {
  const user = await requirePermission('calendar:manage');
  await getDb().$transaction(async (tx) => {
    const removed = await tx.workCalendarDay.deleteMany({ where: { date: toDbDate(date) } });
    if (removed.count === 0) throw new NotFoundError();
    await audit(tx, {
      actorId: user.id,
      action: 'calendar.changed',
      entityType: 'WorkCalendarDay',
      entityId: date,
      data: { removed: true },
    });
  });
}
