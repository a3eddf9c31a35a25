/**
 * Programme administration through the data layer: who may do it, programmes, sections, tasks,
 * assignments and fan-out, what happens to reports and deadlines when a task changes, archive.
 */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const Programmes = await import('../../lib/data/programmes');
const Sections = await import('../../lib/data/sections');
const Tasks = await import('../../lib/data/tasks');
const Assignments = await import('../../lib/data/assignments');
const { decideExtension } = await import('../../lib/data/extensions');
const { getHeadline } = await import('../../lib/data/stats');
const { ProgrammeInput, TaskCreateInput, TaskUpdateInput, TaskAssignmentsInput } =
  await import('../../lib/validation/programme');
const { addDays, fromDbDate, vnDateOf, formatDateVn } = await import('../../lib/domain/time');
const { followTaskDeadline, planAssignments } = await import('../../lib/domain/fan-out');

const db = getDb();

async function taskId(numeral: string, number: string): Promise<number> {
  return (
    await db.task.findFirstOrThrow({
      where: { number, section: { numeral, programme: { title: { startsWith: 'Triển khai Nghị quyết 76' } } } },
      select: { id: true },
    })
  ).id;
}

async function auditCount(action: string): Promise<number> {
  return db.auditEvent.count({ where: { action } });
}

async function newProgramme(title = 'Kế hoạch cải cách hành chính năm 2027') {
  const { programmeId } = await Programmes.createProgramme(
    ProgrammeInput.parse({
      title,
      issuingBody: 'UBND thành phố Hà Tĩnh',
      issuedOn: '05/01/2027',
      periodStart: '01/01/2027',
      periodEnd: '31/12/2027',
    }),
  );
  const { sectionId } = await Sections.createSection({ programmeId, numeral: 'I', title: 'Nhiệm vụ trọng tâm' });
  return { programmeId, sectionId };
}

describe('who may manage programmes', () => {
  it('the administrator and the standing office’s head may; an officer, another head and the chairman may not', async () => {
    for (const username of ['cb.tranphu', 'cb.noivu', 'tp.vhtt', 'chutich']) {
      await actAs(username);
      await expect(Programmes.listProgrammes()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        Programmes.createProgramme(ProgrammeInput.parse({ title: 'X', issuingBody: 'Y' })),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(Tasks.updateTask({} as never)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(Assignments.setTaskAssignments({ taskId: 1, roles: {} })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(Assignments.fanOutTask({ taskId: 1, group: 'ALL', role: 'IMPLEMENTING' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(Programmes.archiveProgramme(1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await actAs('tp.noivu');
    expect((await Programmes.listProgrammes()).length).toBeGreaterThan(0);
    await actAs('admin');
    expect((await Programmes.listProgrammes()).length).toBeGreaterThan(0);
  });

  it('a programme, section or task that does not exist is not found', async () => {
    await actAs('admin');
    await expect(Programmes.getProgrammeForEdit(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(Tasks.getTaskForEdit(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(Sections.updateSection({ sectionId: 999_999, numeral: 'I', title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('creating a programme with tasks', () => {
  it('creates the source document, a section and a task fanned out to every ward and commune with a lead', async () => {
    await actAs('tp.noivu');
    const audits = await auditCount('task.created');
    const { programmeId, sectionId } = await newProgramme();
    const tp = await unitId('TP');
    const { taskId: id, assignments } = await Tasks.createTask(
      TaskCreateInput.parse({
        programmeId: String(programmeId),
        sectionId: String(sectionId),
        number: '1',
        title: 'Rà soát thủ tục hành chính',
        text: 'Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền.',
        reformArea: 'ADMIN_PROCEDURES',
        dueDate: '30/06/2027',
        recurrence: 'ONCE',
        evidenceRequired: 'on',
        leadUnitId: String(tp),
        collective: 'WARDS_COMMUNES',
      }),
    );
    expect(assignments).toBe(1 + 15);
    const rows = await db.assignment.findMany({
      where: { taskId: id },
      select: { role: true, dueDate: true, originalDueDate: true, unit: { select: { kind: true, code: true } } },
    });
    expect(rows.filter((r) => r.role === 'LEAD').map((r) => r.unit.code)).toEqual(['TP']);
    expect(
      rows.filter((r) => r.role === 'IMPLEMENTING').every((r) => r.unit.kind === 'WARD' || r.unit.kind === 'COMMUNE'),
    ).toBe(true);
    expect(
      rows.every(
        (r) =>
          r.dueDate && fromDbDate(r.dueDate) === '2027-06-30' && r.originalDueDate?.getTime() === r.dueDate.getTime(),
      ),
    ).toBe(true);
    expect(await auditCount('task.created')).toBe(audits + 1);

    // Fan out in one step to all departments as partners: one assignment per active department, TP kept as lead.
    const fan = await Assignments.fanOutTask({ taskId: id, group: 'DEPARTMENTS', role: 'COORDINATING' });
    expect(fan.created).toBe(12 - 1);
    expect(await db.assignment.count({ where: { taskId: id } })).toBe(1 + 15 + 11);
    expect((await Assignments.fanOutTask({ taskId: id, group: 'ALL', role: 'IMPLEMENTING' })).created).toBe(0);
    const view = await Programmes.getProgrammeForEdit(programmeId);
    expect(view.sections[0]!.tasks[0]).toMatchObject({
      lead: 'Phòng Tư pháp',
      coordinating: 11,
      implementing: 15,
      reports: 0,
    });
  });

  it('refuses bad fields with Vietnamese messages', () => {
    const periodic = TaskCreateInput.safeParse({
      programmeId: '1',
      sectionId: '1',
      number: '1',
      title: 'T',
      text: 'N',
      recurrence: 'MONTHLY',
      dueDate: '01/02/2027',
    });
    expect(periodic.error?.issues[0]).toMatchObject({ path: ['dueDate'], message: expect.stringContaining('định kỳ') });
    const bad = TaskCreateInput.safeParse({
      programmeId: '1',
      sectionId: '1',
      number: '',
      title: '',
      text: '',
      recurrence: 'SOMETIMES',
      dueDate: '32/13/2027',
    });
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['number', 'title', 'text', 'recurrence', 'dueDate']));
    const period = ProgrammeInput.safeParse({
      title: 'X',
      issuingBody: 'Y',
      periodStart: '31/12/2027',
      periodEnd: '01/01/2027',
    });
    expect(period.error?.issues[0]).toMatchObject({
      path: ['periodEnd'],
      message: 'Ngày kết thúc phải sau ngày bắt đầu.',
    });
  });

  it('a task from another programme’s section is refused', async () => {
    await actAs('admin');
    const a = await newProgramme('Chương trình A');
    const b = await newProgramme('Chương trình B');
    await expect(
      Tasks.createTask(
        TaskCreateInput.parse({
          programmeId: String(a.programmeId),
          sectionId: String(b.sectionId),
          number: '1',
          title: 'T',
          text: 'N',
          recurrence: 'ONCE',
          collective: 'ALL',
        }),
      ),
    ).rejects.toMatchObject({ field: 'sectionId' });
  });
});

describe('reordering', () => {
  it('moves sections and tasks up and down; the ends stay put', async () => {
    await actAs('admin');
    const { programmeId, sectionId } = await newProgramme('Sắp xếp');
    const s2 = (await Sections.createSection({ programmeId, numeral: 'II', title: 'Hai' })).sectionId;
    const mk = async (n: string) =>
      (
        await Tasks.createTask(
          TaskCreateInput.parse({
            programmeId: String(programmeId),
            sectionId: String(sectionId),
            number: n,
            title: `Việc ${n}`,
            text: 'N',
            recurrence: 'ONCE',
            collective: 'DEPARTMENTS',
          }),
        )
      ).taskId;
    const [t1, t2, t3] = [await mk('1'), await mk('2'), await mk('3')];
    await Tasks.moveTask({ id: t3, direction: 'up' });
    await Tasks.moveTask({ id: t1, direction: 'up' }); // already first: nothing
    const order = async () => (await Programmes.getProgrammeForEdit(programmeId)).sections[0]!.tasks.map((t) => t.id);
    expect(await order()).toEqual([t1, t3, t2]);
    await Sections.moveSection({ id: s2, direction: 'up' });
    expect((await Programmes.getProgrammeForEdit(programmeId)).sections.map((s) => s.id)).toEqual([s2, sectionId]);
    // Moving a task to another section puts it last there.
    const edit = await Tasks.getTaskForEdit(t2);
    await Tasks.updateTask(
      TaskUpdateInput.parse({
        taskId: String(t2),
        sectionId: String(s2),
        number: edit.number,
        title: edit.title,
        text: edit.text,
        recurrence: edit.recurrence,
        evidenceRequired: 'on',
      }),
    );
    expect((await Programmes.getProgrammeForEdit(programmeId)).sections[0]!.tasks.map((t) => t.id)).toEqual([t2]);
    await expect(Sections.deleteSection(s2)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('changing a task after reports exist', () => {
  it('keeps every report, records old and new values, and moves deadlines without shortening an approved extension', async () => {
    const i1 = await taskId('I', '1');
    const nguyenDu = await unitId('P-NGUYENDU');
    // The seeded pending extension of Nguyễn Du (to today + 30) is approved by the chairman.
    await actAs('chutich');
    const ext = await db.deadlineExtension.findFirstOrThrow({
      where: { status: 'PENDING', assignment: { taskId: i1, unitId: nguyenDu } },
      select: { id: true, requestedDueDate: true },
    });
    await decideExtension({ extensionId: ext.id, decision: 'approve', comment: '' });
    const extended = fromDbDate(ext.requestedDueDate);

    const reportsBefore = await db.report.findMany({ where: { assignment: { taskId: i1 } }, orderBy: { id: 'asc' } });
    const before = await db.assignment.findMany({
      where: { taskId: i1 },
      orderBy: { id: 'asc' },
      select: { id: true, dueDate: true, originalDueDate: true, completedAt: true, unit: { select: { code: true } } },
    });
    expect(reportsBefore.length).toBeGreaterThan(5);

    await actAs('tp.noivu');
    const t = await Tasks.getTaskForEdit(i1);
    const base = {
      taskId: String(i1),
      sectionId: String(t.sectionId),
      number: t.number,
      title: t.title,
      text: t.text,
      recurrence: 'ONCE',
      evidenceRequired: 'on',
    };
    const result = await Tasks.updateTask(
      TaskUpdateInput.parse({ ...base, title: 'Quán triệt Nghị quyết 76 (sửa)', dueDate: '30/09/2021' }),
    );
    expect(result.changed.sort()).toEqual(['dueDate', 'title']);

    const after = new Map(
      (
        await db.assignment.findMany({
          where: { taskId: i1 },
          select: { id: true, dueDate: true, originalDueDate: true },
        })
      ).map((a) => [a.id, a]),
    );
    for (const a of before) {
      const now = after.get(a.id)!;
      const iso = (d: Date | null) => (d ? fromDbDate(d) : null);
      if (a.completedAt) {
        expect([iso(now.dueDate), iso(now.originalDueDate)]).toEqual([iso(a.dueDate), iso(a.originalDueDate)]); // history kept
      } else if (a.unit.code === 'P-NGUYENDU') {
        expect([iso(now.dueDate), iso(now.originalDueDate)]).toEqual([extended, '2021-09-30']); // extension kept
      } else {
        expect([iso(now.dueDate), iso(now.originalDueDate)]).toEqual(['2021-09-30', '2021-09-30']);
      }
    }
    // Reports untouched.
    expect(await db.report.findMany({ where: { assignment: { taskId: i1 } }, orderBy: { id: 'asc' } })).toEqual(
      reportsBefore,
    );
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'task.updated', entityId: String(i1) },
      orderBy: { at: 'desc' },
    });
    expect(event.data).toMatchObject({
      changes: { title: { to: 'Quán triệt Nghị quyết 76 (sửa)' }, dueDate: { from: '2021-09-15', to: '2021-09-30' } },
      reportsKept: reportsBefore.length,
    });
    expect((event.data as { extensionsKept: number[] }).extensionsKept).toHaveLength(1);

    // A deadline later than the extension: the unit gets the later date.
    const later = addDays(extended, 10);
    await Tasks.updateTask(TaskUpdateInput.parse({ ...base, dueDate: formatDateVn(later) }));
    const du = await db.assignment.findFirstOrThrow({
      where: { taskId: i1, unitId: nguyenDu },
      select: { dueDate: true, originalDueDate: true },
    });
    expect([fromDbDate(du.dueDate!), fromDbDate(du.originalDueDate!)]).toEqual([later, later]);

    // Saving without a change writes no audit event.
    const events = await auditCount('task.updated');
    const same = await Tasks.getTaskForEdit(i1);
    await Tasks.updateTask(TaskUpdateInput.parse({ ...base, title: same.title, dueDate: formatDateVn(same.dueDate!) }));
    expect(await auditCount('task.updated')).toBe(events);
  });

  it('an assignment with reports cannot be taken away, but its role can change; others can be added and removed', async () => {
    await actAs('admin');
    const i3 = await taskId('I', '3');
    const tranPhu = await unitId('P-TRANPHU'); // has a draft on I.3
    // A unit given I.3 with no report on it (the demo city has reports on most of them).
    const yenTe = (
      await db.assignment.findFirstOrThrow({
        where: { taskId: i3, unitId: { not: tranPhu }, role: { not: 'LEAD' }, reports: { none: {} } },
        select: { unitId: true },
        orderBy: { id: 'asc' },
      })
    ).unitId;
    const rolesOf = async () =>
      Object.fromEntries(
        (await db.assignment.findMany({ where: { taskId: i3 }, select: { unitId: true, role: true } })).map((a) => [
          String(a.unitId),
          a.role,
        ]),
      );
    const roles = await rolesOf();
    await expect(
      Assignments.setTaskAssignments(
        TaskAssignmentsInput.parse({ taskId: i3, roles: { ...roles, [tranPhu]: 'NONE' } }),
      ),
    ).rejects.toMatchObject({
      field: 'roles',
      message: expect.stringContaining('Phường Trần Phú đã có báo cáo'),
    });
    const result = await Assignments.setTaskAssignments(
      TaskAssignmentsInput.parse({ taskId: i3, roles: { ...roles, [tranPhu]: 'LEAD', [yenTe]: 'NONE' } }),
    );
    expect(result).toMatchObject({ added: 0, removed: 1, changed: 1 });
    const now = await rolesOf();
    expect(now[tranPhu]).toBe('LEAD');
    expect(now[yenTe]).toBeUndefined();
    expect(await db.report.count({ where: { assignment: { taskId: i3, unitId: tranPhu } } })).toBe(1);
    // Two leads are refused by the schema and by the data layer.
    expect(
      TaskAssignmentsInput.safeParse({ taskId: i3, roles: { ...now, [yenTe]: 'LEAD', [tranPhu]: 'LEAD', 999: 'LEAD' } })
        .success,
    ).toBe(false);
    await expect(Assignments.setTaskAssignments({ taskId: i3, roles: { [yenTe]: 'LEAD' } })).rejects.toMatchObject({
      field: 'roles',
    });
    await Assignments.setTaskAssignments({ taskId: i3, roles: { [yenTe]: 'IMPLEMENTING' } });
    expect((await rolesOf())[yenTe]).toBe('IMPLEMENTING');
  });
});

describe('archive, restore, delete', () => {
  it('archiving a programme takes its tasks out of the city totals; restoring brings them back', async () => {
    await actAs('admin');
    const { programmeId, sectionId } = await newProgramme('Lưu trữ thử');
    await Tasks.createTask(
      TaskCreateInput.parse({
        programmeId: String(programmeId),
        sectionId: String(sectionId),
        number: '1',
        title: 'Một',
        text: 'N',
        recurrence: 'ONCE',
        collective: 'ALL',
      }),
    );
    const archivedEarlier = (
      await Tasks.createTask(
        TaskCreateInput.parse({
          programmeId: String(programmeId),
          sectionId: String(sectionId),
          number: '2',
          title: 'Hai',
          text: 'N',
          recurrence: 'ONCE',
          collective: 'DEPARTMENTS',
        }),
      )
    ).taskId;
    await Tasks.setTaskArchived(archivedEarlier, true);
    await actAs('chutich');
    const before = await getHeadline();
    await actAs('admin');
    await Programmes.archiveProgramme(programmeId);
    await actAs('chutich');
    expect((await getHeadline()).total).toBe(before.total - 27);
    await actAs('admin');
    await expect(Programmes.archiveProgramme(programmeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await Programmes.restoreProgramme(programmeId);
    await actAs('chutich');
    expect((await getHeadline()).total).toBe(before.total);
    // The task archived on its own before stays archived.
    expect((await db.task.findUniqueOrThrow({ where: { id: archivedEarlier } })).archivedAt).not.toBeNull();
    await actAs('admin');
    await Programmes.deleteProgramme(programmeId);
    expect(await db.programme.count({ where: { id: programmeId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: 'Programme', entityId: String(programmeId) } })).toBe(4); // created, archived, restored, deleted
  });

  it('a programme or task with reports cannot be deleted', async () => {
    await actAs('admin');
    const nq76 = await db.programme.findFirstOrThrow({
      where: { title: { startsWith: 'Triển khai Nghị quyết 76' } },
      select: { id: true },
    });
    await expect(Programmes.deleteProgramme(nq76.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(Tasks.deleteTask(await taskId('I', '1'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('pure rules', () => {
  it('fan-out: the strongest role wins, leadership and inactive units are never reached', () => {
    const units = [
      { id: 1, kind: 'LEADERSHIP', active: true },
      { id: 2, kind: 'DEPARTMENT', active: true },
      { id: 3, kind: 'DEPARTMENT', active: true },
      { id: 4, kind: 'WARD', active: true },
      { id: 5, kind: 'COMMUNE', active: true },
      { id: 6, kind: 'WARD', active: false },
    ] as const;
    const plan = planAssignments(
      { lead: 2, coordinators: [4], coordinatingGroup: 'ALL', collective: 'DEPARTMENTS' },
      units,
    );
    expect(Object.fromEntries(plan)).toEqual({ 2: 'LEAD', 4: 'COORDINATING', 3: 'IMPLEMENTING', 5: 'COORDINATING' });
    expect(planAssignments({ lead: 6, coordinators: [], coordinatingGroup: null, collective: null }, units).size).toBe(
      0,
    );
  });

  it('deadlines follow the task, except completed assignments and longer extensions', () => {
    const open = { dueDate: '2026-09-15', originalDueDate: '2026-09-15', completed: false };
    expect(followTaskDeadline(open, '2026-10-01')).toEqual({ dueDate: '2026-10-01', originalDueDate: '2026-10-01' });
    expect(followTaskDeadline({ ...open, completed: true }, '2026-10-01')).toBeNull();
    const ext = { dueDate: '2026-10-31', originalDueDate: '2026-09-15', completed: false };
    expect(followTaskDeadline(ext, '2026-10-01')).toEqual({ dueDate: '2026-10-31', originalDueDate: '2026-10-01' });
    expect(followTaskDeadline(ext, '2026-11-30')).toEqual({ dueDate: '2026-11-30', originalDueDate: '2026-11-30' });
    expect(followTaskDeadline(ext, null)).toEqual({ dueDate: null, originalDueDate: null });
    expect(followTaskDeadline({ dueDate: null, originalDueDate: null, completed: false }, '2026-12-31')).toEqual({
      dueDate: '2026-12-31',
      originalDueDate: '2026-12-31',
    });
    expect(followTaskDeadline(open, '2026-09-15')).toBeNull();
    expect(vnDateOf(new Date('2026-09-15T17:30:00Z'))).toBe('2026-09-16');
  });
});
