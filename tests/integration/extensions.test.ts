import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const { requestExtension, decideExtension, getExtensions, listPendingExtensions } =
  await import('../../lib/data/extensions');
const { leadHeadDeciderIds } = await import('../../lib/data/notify');
const { slotsAtCte } = await import('../../lib/data/status-sql');
const { addDays, fromDbDate, vnDateOf } = await import('../../lib/domain/time');

async function i1(unitCode: string) {
  return getDb().assignment.findFirstOrThrow({
    where: { unit: { code: unitCode }, task: { number: '1', section: { numeral: 'I' } } },
  });
}
async function statusOf(assignmentId: number, now = new Date()) {
  const rows = await getDb().$queryRaw<{ status: string }[]>(
    Prisma.sql`WITH ${slotsAtCte([now])} SELECT status FROM slots WHERE assignment_id = ${assignmentId}`,
  );
  return rows[0]!.status;
}
const later = addDays(vnDateOf(new Date()), 20);

describe('deadline extensions', () => {
  it('an officer requests, the chairman approves; the original deadline is kept and the status follows the new one', async () => {
    const a = await i1('P-HAHUYTAP');
    expect(await statusOf(a.id)).toBe('IN_PROGRESS_OVERDUE');
    const officer = await getDb().user.create({
      data: {
        username: 'cb.hahuytap',
        displayName: 'Cán bộ Hà Huy Tập',
        role: 'OFFICER',
        unitId: a.unitId,
        passwordHash: 'x',
      },
    });
    await actAs(officer.username);
    // The assignment page's history: none yet, then the request.
    expect((await getExtensions(a.id)).history).toEqual([]);
    const { extensionId } = await requestExtension({
      assignmentId: a.id,
      requestedDueDate: later,
      reason: 'Chờ tập huấn của tỉnh theo kế hoạch.',
    });
    await expect(
      requestExtension({ assignmentId: a.id, requestedDueDate: later, reason: 'Đề nghị lần hai trùng lặp.' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await getExtensions(a.id)).toMatchObject({
      history: [{ id: extensionId, status: 'PENDING', reason: 'Chờ tập huấn của tỉnh theo kế hoạch.' }],
      mayRequest: false,
    });

    await actAs('tp.noivu'); // by default only the chairman decides
    expect(await listPendingExtensions()).toEqual([]);
    await expect(decideExtension({ extensionId, decision: 'approve', comment: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await actAs('chutich');
    expect((await listPendingExtensions()).map((e) => e.id)).toContain(extensionId);
    await decideExtension({ extensionId, decision: 'approve', comment: '' });
    const after = await getDb().assignment.findUniqueOrThrow({ where: { id: a.id } });
    expect(fromDbDate(after.dueDate!)).toBe(later);
    expect(fromDbDate(after.originalDueDate!)).toBe('2021-09-15');
    expect(await statusOf(a.id)).toBe('NOT_STARTED');
    await expect(decideExtension({ extensionId, decision: 'reject', comment: 'Quyết định lại' })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    const actions = await getDb().auditEvent.findMany({
      where: { entityType: 'Assignment', entityId: String(a.id) },
      select: { action: true },
    });
    expect(actions.map((x) => x.action)).toEqual(['extension.requested', 'extension.approved']);
    expect(await getDb().notification.count({ where: { userId: officer.id, kind: 'extension.approved' } })).toBe(1);
  });

  it('a refusal needs a reason, keeps the deadline, and the unit is told', async () => {
    const a = await i1('P-NGUYENDU'); // the seed has a pending request here
    const pending = await getDb().deadlineExtension.findFirstOrThrow({
      where: { assignmentId: a.id, status: 'PENDING' },
    });
    await actAs('chutich');
    await decideExtension({
      extensionId: pending.id,
      decision: 'reject',
      comment: 'Đã quá hạn lâu, yêu cầu hoàn thành ngay.',
    });
    const after = await getDb().assignment.findUniqueOrThrow({ where: { id: a.id } });
    expect(fromDbDate(after.dueDate!)).toBe('2021-09-15');
  });

  it('refuses a date not after the current deadline or today, and someone else’s unit', async () => {
    const a = await i1('P-TRANPHU');
    await actAs('cb.thachha');
    await expect(
      requestExtension({ assignmentId: a.id, requestedDueDate: later, reason: 'Không phải đơn vị mình.' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await i1('X-THACHHA');
    await expect(
      requestExtension({ assignmentId: own.id, requestedDueDate: '2021-09-10', reason: 'Ngày trước hạn hiện tại.' }),
    ).rejects.toMatchObject({ field: 'requestedDueDate' });
    await expect(
      requestExtension({
        assignmentId: own.id,
        requestedDueDate: vnDateOf(new Date()),
        reason: 'Hôm nay thì không được.',
      }),
    ).rejects.toMatchObject({ field: 'requestedDueDate' });
  });

  it('with the setting "lead head decides", the lead department head decides instead of the chairman', async () => {
    await getDb().setting.upsert({
      where: { key: 'extensionApprover' },
      create: { key: 'extensionApprover', value: 'LEAD_HEAD' },
      update: { value: 'LEAD_HEAD' },
    });
    const a = await i1('P-VANYEN');
    const officer = await getDb().user.create({
      data: {
        username: 'cb.vanyen',
        displayName: 'Cán bộ Văn Yên',
        role: 'OFFICER',
        unitId: a.unitId,
        passwordHash: 'x',
      },
    });
    await actAs(officer.username);
    const { extensionId } = await requestExtension({
      assignmentId: a.id,
      requestedDueDate: later,
      reason: 'Phường đang sáp nhập tổ dân phố.',
    });
    await actAs('chutich');
    expect((await listPendingExtensions()).map((e) => e.id)).not.toContain(extensionId);
    await actAs('tp.noivu'); // I.1 has no lead: the standing office's head
    await decideExtension({ extensionId, decision: 'approve', comment: '' });
    expect(fromDbDate((await getDb().assignment.findUniqueOrThrow({ where: { id: a.id } })).dueDate!)).toBe(later);
    await getDb().setting.delete({ where: { key: 'extensionApprover' } });
  });
});

describe('who decides an extension: the notified users are exactly those who may decide', () => {
  it('with "lead head decides", for every seeded assignment', async () => {
    const db = getDb();
    await db.setting.upsert({
      where: { key: 'extensionApprover' },
      create: { key: 'extensionApprover', value: 'LEAD_HEAD' },
      update: { value: 'LEAD_HEAD' },
    });
    const requester = await db.user.findFirstOrThrow({ where: { username: 'cb.tranphu' } });
    const assignments = await db.assignment.findMany({ select: { id: true, role: true } });
    // Every branch of the rule is among them: a lead's own request, a task with and without a lead.
    expect(new Set(assignments.map((a) => a.role))).toEqual(new Set(['LEAD', 'COORDINATING', 'IMPLEMENTING']));
    const extensions = await db.deadlineExtension.createManyAndReturn({
      data: assignments.map((a) => ({
        assignmentId: a.id,
        requestedDueDate: new Date('2030-01-01'),
        reason: 'Kiểm tra người quyết định.',
        requestedById: requester.id,
      })),
      select: { id: true, assignmentId: true },
    });
    const deciders = await db.user.findMany({
      where: { active: true, role: { in: ['CHAIRMAN', 'DEPARTMENT_HEAD'] } },
      select: { id: true, username: true },
    });
    const decides = new Map<number, Set<number>>();
    for (const u of deciders) {
      await actAs(u.username);
      decides.set(u.id, new Set((await listPendingExtensions()).map((e) => e.id)));
    }
    const seen = new Set<number>();
    for (const ext of extensions) {
      const notified = await leadHeadDeciderIds(db, ext.assignmentId);
      const mayDecide = deciders.filter((u) => decides.get(u.id)!.has(ext.id)).map((u) => u.id);
      expect(notified.length, `extension of assignment ${ext.assignmentId}`).toBeGreaterThan(0);
      expect(new Set(notified), `extension of assignment ${ext.assignmentId}`).toEqual(new Set(mayDecide));
      for (const id of notified) seen.add(id);
    }
    // The chairman and more than one department's heads each decide some of them.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await db.setting.delete({ where: { key: 'extensionApprover' } });
  });
});
