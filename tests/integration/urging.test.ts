/**
 * The urging ladder and the Công văn đôn đốc (issue 13, decision 018), on real PostgreSQL: each step
 * once, on its working day (Tết 2027 and weekends skipped), a second run sends nothing, escalation
 * reaches the right people, completed work is never urged, an approved extension moves the steps;
 * the letter lists the overdue units and tasks, opens as a Word document, is sent to the units,
 * recorded in each task's history, and only the standing office and administrator may make it.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const {
  runUrgingLadder,
  createUrgingLetter,
  getUrgingLetterFile,
  getUrgingHistory,
  listOverdueUnits,
  saveUrgingLadder,
} = await import('../../lib/data/urging');
const { readDocument } = await import('../../lib/documents');
const { addDays, startOfDayVn, toDbDate } = await import('../../lib/domain/time');
const { UrgingLadderInput } = await import('../../lib/validation/urging');

const db = getDb();
/** 09:00 in Hà Nội on a day. */
const at = (day: string) => new Date(startOfDayVn(day).getTime() + 9 * 3_600_000);

// Tết 2027 (date-holidays): Giao thừa Fri 05/02, mùng 1 Sat 06/02, its compensating day off Mon 08/02.
const DUE = '2027-02-03'; // a Wednesday
/** The default ladder's days for DUE, counted by hand on the 2027 calendar. */
const EXPECTED_DAYS: Record<number, string> = {
  [-3]: '2027-01-29', // Fri: Tue 02, Mon 01, Fri 29 (the weekend skipped)
  0: '2027-02-03',
  1: '2027-02-04',
  5: '2027-02-12', // Thu 04, then Tết: Tue 09, Wed 10, Thu 11, Fri 12
  10: '2027-02-19',
};

const r = {} as {
  programme: number;
  vhtt: number; // overdue, urged
  tranphu: number; // completed before the deadline: never urged
  namha: number; // extended after the first step
  users: Record<string, number>;
};

beforeAll(async () => {
  // Only this file's programme is urged: every other programme's ladder is emptied.
  await db.programme.updateMany({ data: { urgingLadder: [] } });
  const programme = await db.programme.create({
    data: { title: 'Kế hoạch đôn đốc thử nghiệm', documentNumber: '99/KH-UBND', issuingBody: 'UBND thành phố Hà Tĩnh' },
  });
  r.programme = programme.id;
  const section = await db.section.create({
    data: { programmeId: programme.id, numeral: 'I', title: 'Mục thử', order: 1 },
  });
  const task = await db.task.create({
    data: {
      programmeId: programme.id,
      sectionId: section.id,
      number: '7',
      order: 1,
      title: 'Số hóa hồ sơ thủ tục hành chính',
      text: 'Nội dung.',
      dueDate: toDbDate(DUE),
    },
  });
  const assign = async (code: string, extra: object = {}) =>
    (
      await db.assignment.create({
        data: {
          taskId: task.id,
          unitId: await unitId(code),
          role: code === 'VHTT' ? 'LEAD' : 'COORDINATING',
          dueDate: toDbDate(DUE),
          originalDueDate: toDbDate(DUE),
          ...extra,
        },
      })
    ).id;
  r.vhtt = await assign('VHTT');
  r.tranphu = await assign('P-TRANPHU', { completedAt: at('2027-01-20'), progress: 100 });
  r.namha = await assign('P-NAMHA');
  const users = await db.user.findMany({ select: { id: true, username: true } });
  r.users = Object.fromEntries(users.map((u) => [u.username, u.id]));
});

const sentFor = (assignmentId: number) =>
  db.urgingSent.findMany({ where: { assignmentId }, orderBy: { offsetDays: 'asc' } });

describe('the urging ladder job', () => {
  it('sends each step once, on its working day, skipping weekends and Tết; a second run sends nothing', async () => {
    const firedOn: Record<number, string> = {};
    for (let day = '2027-01-25'; day <= '2027-02-26'; day = addDays(day, 1)) {
      if (day === '2027-02-01') {
        // The extension of Nam Hà's deadline, approved after its first step (29/01): 03/02 → 10/02.
        await db.deadlineExtension.create({
          data: {
            assignmentId: r.namha,
            previousDueDate: toDbDate(DUE),
            requestedDueDate: toDbDate('2027-02-10'),
            reason: 'Chờ hướng dẫn',
            status: 'APPROVED',
            requestedById: r.users['cb.namha']!,
            decidedById: r.users['chutich']!,
            decidedAt: at('2027-01-29'),
          },
        });
        await db.assignment.update({ where: { id: r.namha }, data: { dueDate: toDbDate('2027-02-10') } });
      }
      const first = await runUrgingLadder(at(day));
      const again = await runUrgingLadder(at(day));
      expect(again, `second run on ${day}`).toEqual({ steps: 0, notifications: 0 });
      for (const s of await sentFor(r.vhtt)) {
        if (firedOn[s.offsetDays] === undefined) {
          firedOn[s.offsetDays] = day;
          expect(first.steps, `the run on ${day} reports what it sent`).toBeGreaterThan(0);
        }
      }
    }
    expect(firedOn).toEqual(EXPECTED_DAYS);
    const vhtt = await sentFor(r.vhtt);
    expect(vhtt.map((s) => s.offsetDays)).toEqual([-3, 0, 1, 5, 10]);
    expect(vhtt.every((s) => s.dueDate.toISOString().slice(0, 10) === DUE)).toBe(true);
    // Completed before the deadline: never urged.
    expect(await sentFor(r.tranphu)).toEqual([]);
  });

  it('counts from the deadline in force once an extension is approved', async () => {
    const namha = await sentFor(r.namha);
    const of = (due: string) =>
      namha
        .filter((s) => s.dueDate.toISOString().slice(0, 10) === due)
        .map((s) => [s.offsetDays, s.sentAt.toISOString()]);
    // Before the extension: the first step of the old deadline only.
    expect(of(DUE)).toEqual([[-3, at('2027-01-29').toISOString()]]);
    // After it, the ladder of Wed 10/02: −3 on Wed 03/02 (Tue 09, then Tết back to Thu 04, Wed 03),
    // 0 on 10/02, +1 on 11/02, +5 on Wed 17/02, +10 on Wed 24/02.
    expect(of('2027-02-10')).toEqual([
      [-3, at('2027-02-03').toISOString()],
      [0, at('2027-02-10').toISOString()],
      [1, at('2027-02-11').toISOString()],
      [5, at('2027-02-17').toISOString()],
      [10, at('2027-02-24').toISOString()],
    ]);
  });

  it('escalates: the officers at every step, the leader at −3 and from +1, the standing office from +5, the chairman at +10', async () => {
    const link = `/assignments/${r.vhtt}`;
    const unitNotes = (username: string) =>
      db.notification.count({ where: { userId: r.users[username]!, kind: 'urging.step', link } });
    expect(await unitNotes('cb.vhtt')).toBe(5);
    expect(await unitNotes('tp.vhtt')).toBe(4); // −3 ("sắp đến hạn", decision 026), +1, +5, +10
    // Not the unit's: nobody else hears about the task one by one.
    expect(await unitNotes('cb.tranphu')).toBe(0);
    expect(await unitNotes('tp.noivu')).toBe(0);
    const summaries = (username: string) =>
      db.notification.findMany({
        where: {
          userId: r.users[username]!,
          kind: 'urging.escalated',
          body: { startsWith: 'Kế hoạch đôn đốc thử nghiệm' },
        },
        select: { title: true, link: true },
        orderBy: { id: 'asc' },
      });
    const standing = await summaries('tp.noivu');
    expect(standing.map((n) => n.title)).toEqual([
      'Đôn đốc (5 ngày làm việc sau hạn): 1 nhiệm vụ của 1 đơn vị', // VHTT, 12/02
      'Đôn đốc (5 ngày làm việc sau hạn): 1 nhiệm vụ của 1 đơn vị', // Nam Hà, 17/02
      'Đôn đốc (10 ngày làm việc sau hạn): 1 nhiệm vụ của 1 đơn vị', // VHTT, 19/02
      'Đôn đốc (10 ngày làm việc sau hạn): 1 nhiệm vụ của 1 đơn vị', // Nam Hà, 24/02
    ]);
    expect(standing[0]!.link).toBe(`/urging?programme=${r.programme}`);
    expect(await summaries('cb.noivu')).toHaveLength(4);
    const chairman = await summaries('chutich');
    expect(chairman).toHaveLength(2);
    expect(chairman[0]!.link).toBe(`/dashboard?programme=${r.programme}`);
    expect(await summaries('tp.vhtt')).toEqual([]);
  });

  it('sends nothing on a day off, and nothing for a programme whose ladder is empty', async () => {
    // A fresh deadline in reach of the −3 step on a Saturday: nothing; an empty ladder: nothing on a working day.
    await db.assignment.update({ where: { id: r.vhtt }, data: { dueDate: toDbDate('2027-03-10') } });
    expect(await runUrgingLadder(at('2027-03-06'))).toEqual({ steps: 0, notifications: 0 });
    await db.programme.update({ where: { id: r.programme }, data: { urgingLadder: [] } });
    expect(await runUrgingLadder(at('2027-03-05'))).toEqual({ steps: 0, notifications: 0 });
    await db.programme.update({ where: { id: r.programme }, data: { urgingLadder: Prisma.DbNull } });
    await db.assignment.update({ where: { id: r.vhtt }, data: { dueDate: toDbDate(DUE) } });
  });
});

describe('the ladder form', () => {
  it('refuses a step without anyone to tell and two steps on one day, in Vietnamese; saves a valid ladder', async () => {
    const bad = UrgingLadderInput.safeParse({
      programmeId: String(r.programme),
      when_0: 'after',
      days_0: '2',
      when_1: 'after',
      days_1: '2',
      officers_1: 'on',
      when_2: 'before',
      days_2: '-1',
      officers_2: 'on',
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'when_0: Chọn ít nhất một đối tượng nhận nhắc.',
      'days_2: Số ngày làm việc phải là số nguyên từ 1 đến 60.',
    ]);
    const dup = UrgingLadderInput.safeParse({
      programmeId: String(r.programme),
      when_0: 'on',
      officers_0: 'on',
      when_1: 'before',
      days_1: '0',
      officers_1: 'on',
    });
    expect(dup.success).toBe(false);
    const ok = UrgingLadderInput.parse({
      programmeId: String(r.programme),
      when_0: 'after',
      days_0: '3',
      leader_0: 'on',
      when_3: 'on',
      officers_3: 'on',
    });
    expect(ok.steps).toEqual([
      { offsetDays: 0, audiences: ['OFFICERS'] },
      { offsetDays: 3, audiences: ['LEADER'] },
    ]);
    await actAs('cb.vhtt');
    await expect(saveUrgingLadder(ok)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await actAs('tp.noivu');
    await saveUrgingLadder(ok);
    expect((await db.programme.findUniqueOrThrow({ where: { id: r.programme } })).urgingLadder).toEqual(ok.steps);
    await db.programme.update({ where: { id: r.programme }, data: { urgingLadder: Prisma.DbNull } });
  });
});

describe('the Công văn đôn đốc', () => {
  const now = at('2027-02-22');
  const input = { programmeId: 0, sectionId: null, unitKind: '' as const };

  it('only the standing office and the administrator may make one', async () => {
    input.programmeId = r.programme;
    for (const who of ['cb.vhtt', 'tp.vhtt', 'chutich', 'cb.tranphu']) {
      await actAs(who);
      await expect(createUrgingLetter(input, { now }), who).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.urgingLetter.count()).toBe(0);
  });

  it('lists the overdue units by the official status rule, with working days overdue', async () => {
    await actAs('cb.noivu');
    const { units } = await listOverdueUnits(input, { now });
    expect(units.map((u) => [u.name, u.tasks.map((t) => [t.code, t.due, t.daysOverdue])])).toEqual([
      ['Phòng Văn hóa và Thông tin', [['I.7', DUE, 11]]],
      ['Phường Nam Hà', [['I.7', '2027-02-10', 8]]],
    ]);
    const wards = await listOverdueUnits({ ...input, unitKind: 'WARD_COMMUNE' }, { now });
    expect(wards.units.map((u) => u.name)).toEqual(['Phường Nam Hà']);
  });

  it('is made in one step: a Decree 30 .docx that opens, sent to each unit, in each task history', async () => {
    await actAs('tp.noivu');
    const made = await createUrgingLetter(input, { now });
    expect(made).toMatchObject({ units: 2, tasks: 2 });
    const file = await getUrgingLetterFile(made.letterId);
    expect(file.fileName).toBe('cong-van-don-doc-2027-02-22.docx');
    // Opens as a Word document: the project's own reader (mammoth) and the raw XML.
    const text = await readDocument({ name: file.fileName, bytes: new Uint8Array(file.content) });
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HÀ TĨNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: /UBND-NV',
      'V/v đôn đốc thực hiện Kế hoạch đôn đốc thử nghiệm',
      'Hà Tĩnh, ngày 22 tháng 02 năm 2027',
      'Kính gửi:',
      '- Phòng Văn hóa và Thông tin;',
      '- UBND Phường Nam Hà.',
      'Thực hiện Kế hoạch đôn đốc thử nghiệm (số 99/KH-UBND)',
      '1. Phòng Văn hóa và Thông tin (1 nhiệm vụ)',
      '- Nhiệm vụ I.7: Số hóa hồ sơ thủ tục hành chính — thời hạn 03/02/2027, đã quá hạn 11 ngày làm việc.',
      '2. Phường Nam Hà (1 nhiệm vụ)',
      '- Nhiệm vụ I.7: Số hóa hồ sơ thủ tục hành chính — thời hạn 10/02/2027, đã quá hạn 8 ngày làm việc.',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Phường Trần Phú');
    const chairman = await db.user.findUniqueOrThrow({ where: { username: 'chutich' } });
    expect(text).toContain(chairman.displayName);
    const xml = await (await JSZip.loadAsync(file.content)).file('word/document.xml')!.async('string');
    // The Quốc hiệu is one run on one line.
    expect(xml).toMatch(/<w:t[^>]*>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<\/w:t>/);

    // Sent: every member of each listed unit has the link; nobody of an unlisted unit.
    const link = `/api/urging-letters/${made.letterId}`;
    for (const who of ['cb.vhtt', 'tp.vhtt', 'cb.namha'])
      expect(await db.notification.count({ where: { userId: r.users[who]!, kind: 'urging.letter', link } }), who).toBe(
        1,
      );
    expect(await db.notification.count({ where: { userId: r.users['cb.tranphu']!, link } })).toBe(0);

    // Recorded in each task's history, with the download link for the unit.
    await actAs('cb.vhtt');
    const history = await getUrgingHistory(r.vhtt);
    const letter = history.find((e) => e.kind === 'letter');
    expect(letter).toMatchObject({ link, label: expect.stringContaining('quá hạn 11 ngày làm việc') });
    expect(history.filter((e) => e.kind === 'step')).toHaveLength(5);
    expect((await getUrgingLetterFile(made.letterId)).content.equals(file.content)).toBe(true);
    // The audit trail has the letter.
    expect(
      await db.auditEvent.count({ where: { action: 'urging.letter_created', entityId: String(made.letterId) } }),
    ).toBe(1);
  });

  it('the standing office chooses the signer: a vice-chairman signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" with her name', async () => {
    await actAs('tp.noivu');
    const vice = await db.user.findUniqueOrThrow({ where: { username: 'phochutich' } });
    const chairman = await db.user.findUniqueOrThrow({ where: { username: 'chutich' } });
    const made = await createUrgingLetter({ ...input, signerId: vice.id }, { now });
    const file = await getUrgingLetterFile(made.letterId);
    const text = await readDocument({ name: file.fileName, bytes: new Uint8Array(file.content) });
    const closing = text.slice(text.indexOf('Nơi nhận:'));
    // The signature block's cell, as the reader joins its lines: TM., KT., the title, the name.
    expect(closing).toContain('TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH; PHÓ CHỦ TỊCH; Lê Thị Thu');
    expect(closing).toContain(vice.displayName);
    expect(closing).not.toContain(chairman.displayName);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'urging.letter_created', entityId: String(made.letterId) },
      select: { data: true },
    });
    expect(audit.data).toMatchObject({ signer: 'PHÓ CHỦ TỊCH' });

    // Only the chairman or a vice-chairman signs: anyone else is refused next to the field, nothing written.
    const head = await db.user.findUniqueOrThrow({ where: { username: 'tp.noivu' } });
    const before = await Promise.all([db.urgingLetter.count(), db.notification.count(), db.auditEvent.count()]);
    await expect(createUrgingLetter({ ...input, signerId: head.id }, { now })).rejects.toMatchObject({
      field: 'signerId',
      message: expect.stringContaining('Người ký phải là Chủ tịch hoặc một Phó Chủ tịch'),
    });
    expect(await Promise.all([db.urgingLetter.count(), db.notification.count(), db.auditEvent.count()])).toEqual(
      before,
    );
  });

  it('the letter is downloaded by its units, the standing office and the chairman; anyone else gets "not found"', async () => {
    const letter = await db.urgingLetter.findFirstOrThrow({ select: { id: true } });
    for (const who of ['cb.vhtt', 'cb.namha', 'cb.noivu', 'admin', 'chutich']) {
      await actAs(who);
      expect((await getUrgingLetterFile(letter.id)).content.length, who).toBeGreaterThan(1000);
    }
    for (const who of ['cb.tranphu', 'tp.tckh', 'cb.tckh']) {
      const user = await db.user.findUnique({ where: { username: who } });
      if (!user) continue;
      await actAs(who);
      await expect(getUrgingLetterFile(letter.id), who).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // The history of an assignment outside one's scope is "not found" too.
    await actAs('cb.tranphu');
    await expect(getUrgingHistory(r.vhtt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with nothing overdue, refuses in Vietnamese and writes nothing', async () => {
    await actAs('admin');
    const before = await Promise.all([db.urgingLetter.count(), db.notification.count(), db.auditEvent.count()]);
    await expect(createUrgingLetter(input, { now: at('2027-01-15') })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Không có đơn vị nào có nhiệm vụ quá hạn'),
    });
    expect(await Promise.all([db.urgingLetter.count(), db.notification.count(), db.auditEvent.count()])).toEqual(
      before,
    );
  });
});
