import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { saveReport, reviewReport } = await import('../../lib/data/reports');
const { getReport, getReportForm } = await import('../../lib/data/report-views');
const { listReviewInbox } = await import('../../lib/data/work');
const { getHeadline } = await import('../../lib/data/stats');
const { periodContaining, previousPeriod } = await import('../../lib/domain/periods');
const { listMyAssignments: listMine } = await import('../../lib/data/work');
const { vnDateOf } = await import('../../lib/domain/time');

async function assignmentOf(unitCode: string, numeral: string, number: string) {
  return getDb().assignment.findFirstOrThrow({
    where: { unit: { code: unitCode }, task: { number, section: { numeral } } },
    select: { id: true },
  });
}

const base = { difficulties: null, proposals: null, noEvidenceReason: null };
let i4TranPhu: number;
let i4NamHa: number;

beforeAll(async () => {
  i4TranPhu = (await assignmentOf('P-TRANPHU', 'I', '4')).id;
  i4NamHa = (await assignmentOf('P-NAMHA', 'I', '4')).id;
});

describe('an officer reports on their unit’s assignment', () => {
  it('saves a draft, comes back, submits; the reviewer is notified and it lands in their inbox', async () => {
    await actAs('cb.tranphu');
    // The assignment page's form: empty before the first save (no report for the period), the draft after.
    expect(await getReportForm(i4TranPhu, undefined)).toMatchObject({ periodKey: 'ONCE', report: null, canEdit: true });
    const draft = await saveReport({
      ...base,
      assignmentId: i4TranPhu,
      periodKey: 'ONCE',
      version: 0,
      progress: 30,
      content: 'Đang dự thảo',
      intent: 'save',
    });
    expect(draft.version).toBe(1);
    expect(await getReportForm(i4TranPhu, undefined)).toMatchObject({
      report: { id: draft.reportId, version: 1, status: 'DRAFT', progress: 30, content: 'Đang dự thảo', evidence: [] },
      canEdit: true,
    });
    const submitted = await saveReport({
      ...base,
      assignmentId: i4TranPhu,
      periodKey: 'ONCE',
      version: 1,
      progress: 60,
      content: 'Đã trình Đảng ủy phường dự thảo chỉ thị về đẩy mạnh CCHC.',
      intent: 'submit',
    });
    expect(submitted.version).toBe(2);
    const report = await getDb().report.findUniqueOrThrow({ where: { id: submitted.reportId } });
    expect(report).toMatchObject({ status: 'SUBMITTED', progress: 60 });
    expect(await getReportForm(i4TranPhu, undefined)).toMatchObject({
      report: { id: submitted.reportId, status: 'SUBMITTED' },
      mayWrite: true,
      canEdit: false,
    });
    const assignment = await getDb().assignment.findUniqueOrThrow({ where: { id: i4TranPhu } });
    expect(assignment.startedAt).not.toBeNull();
    expect(assignment.progress).toBe(60);

    // I.4 has no lead: the standing office's head decides, and is told.
    const head = await getDb().user.findUniqueOrThrow({ where: { username: 'tp.noivu' } });
    expect(
      await getDb().notification.count({
        where: { userId: head.id, kind: 'report.submitted', link: `/reports/${submitted.reportId}` },
      }),
    ).toBe(1);
    await actAs('tp.noivu');
    expect((await listReviewInbox({ limit: 100 })).items.map((i) => i.reportId)).toContain(submitted.reportId);
    await actAs('tp.vhtt');
    expect((await listReviewInbox({ limit: 100 })).items.map((i) => i.reportId)).not.toContain(submitted.reportId);
  });

  it('a submitted report is locked until a decision', async () => {
    await actAs('cb.tranphu');
    const r = await getDb().report.findFirstOrThrow({ where: { assignmentId: i4TranPhu } });
    await expect(
      saveReport({
        ...base,
        assignmentId: i4TranPhu,
        periodKey: 'ONCE',
        version: r.version,
        progress: 70,
        content: 'Sửa sau khi gửi',
        intent: 'save',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đang chờ duyệt') });
  });

  it('a stale draft never overwrites a newer one', async () => {
    await actAs('cb.namha');
    const first = await saveReport({
      ...base,
      assignmentId: i4NamHa,
      periodKey: 'ONCE',
      version: 0,
      progress: 10,
      content: 'Bản thứ nhất',
      intent: 'save',
    });
    await saveReport({
      ...base,
      assignmentId: i4NamHa,
      periodKey: 'ONCE',
      version: first.version,
      progress: 20,
      content: 'Bản mới hơn',
      intent: 'save',
    });
    await expect(
      saveReport({
        ...base,
        assignmentId: i4NamHa,
        periodKey: 'ONCE',
        version: first.version,
        progress: 15,
        content: 'Bản cũ mở ở tab khác',
        intent: 'save',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await getDb().report.findFirstOrThrow({ where: { assignmentId: i4NamHa } })).content).toBe('Bản mới hơn');
    // two first saves racing for a new report: one wins, one is told
    const i5 = (await assignmentOf('P-NAMHA', 'I', '5')).id;
    const results = await Promise.allSettled([
      saveReport({
        ...base,
        assignmentId: i5,
        periodKey: 'CONTINUOUS',
        version: 0,
        progress: 5,
        content: 'A',
        intent: 'save',
      }),
      saveReport({
        ...base,
        assignmentId: i5,
        periodKey: 'CONTINUOUS',
        version: 0,
        progress: 6,
        content: 'B',
        intent: 'save',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getDb().report.count({ where: { assignmentId: i5 } })).toBe(1);
  });

  it('refuses bad input and writes nothing', async () => {
    await actAs('cb.tranphu');
    const i3 = (await assignmentOf('P-TRANPHU', 'I', '3')).id;
    const before = await getDb().report.findFirstOrThrow({ where: { assignmentId: i3 } });
    const audits = await getDb().auditEvent.count();
    // empty content on submit
    await expect(
      saveReport({
        ...base,
        assignmentId: i3,
        periodKey: 'ONCE',
        version: before.version,
        progress: 50,
        content: '',
        intent: 'submit',
      }),
    ).rejects.toMatchObject({ field: 'content' });
    // a period that does not exist for this task
    await expect(
      saveReport({
        ...base,
        assignmentId: i3,
        periodKey: '2026-11',
        version: before.version,
        progress: 50,
        content: 'Nội dung đủ dài',
        intent: 'save',
      }),
    ).rejects.toMatchObject({ field: 'periodKey' });
    // 100% without evidence and without an explanation
    await expect(
      saveReport({
        ...base,
        assignmentId: i3,
        periodKey: 'ONCE',
        version: before.version,
        progress: 100,
        content: 'Đã hoàn thành đề án',
        intent: 'submit',
      }),
    ).rejects.toMatchObject({ field: 'noEvidenceReason' });
    // someone else's unit: not found
    await expect(
      saveReport({
        ...base,
        assignmentId: i4NamHa,
        periodKey: 'ONCE',
        version: 0,
        progress: 10,
        content: 'Của phường khác',
        intent: 'save',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await getDb().report.findFirstOrThrow({ where: { assignmentId: i3 } });
    expect(after).toEqual(before);
    expect(await getDb().auditEvent.count()).toBe(audits);
  });

  it('a monthly task is reported per period; future periods are refused', async () => {
    await actAs('cb.namha');
    const i6 = (await assignmentOf('P-NAMHA', 'I', '6')).id;
    const current = periodContaining('MONTHLY', vnDateOf(new Date()));
    const saved = await saveReport({
      ...base,
      assignmentId: i6,
      periodKey: current.key,
      version: 0,
      progress: 40,
      content: 'Giao ban tháng này',
      intent: 'save',
    });
    const report = await getDb().report.findUniqueOrThrow({ where: { id: saved.reportId } });
    expect(report.periodStart?.toISOString().slice(0, 10)).toBe(current.start);
    expect(report.periodEnd?.toISOString().slice(0, 10)).toBe(current.end);
    const [y, m] = current.key.split('-').map(Number);
    const future = m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
    await expect(
      saveReport({
        ...base,
        assignmentId: i6,
        periodKey: future,
        version: 0,
        progress: 40,
        content: 'Báo cáo trước',
        intent: 'save',
      }),
    ).rejects.toMatchObject({ field: 'periodKey' });
  });
});

describe('the officer’s list', () => {
  it('shows the current period’s report even when an earlier period was touched later', async () => {
    await actAs('cb.thachquy');
    const i6 = (await assignmentOf('P-THACHQUY', 'I', '6')).id;
    const current = periodContaining('MONTHLY', vnDateOf(new Date()));
    await saveReport({
      ...base,
      assignmentId: i6,
      periodKey: current.key,
      version: 0,
      progress: 40,
      content: 'Kỳ này',
      intent: 'save',
    });
    await saveReport({
      ...base,
      assignmentId: i6,
      periodKey: previousPeriod(current)!.key,
      version: 0,
      progress: 10,
      content: 'Kỳ trước, nộp muộn',
      intent: 'save',
    });
    const item = (await listMine()).find((a) => a.id === i6)!;
    expect(item).toMatchObject({ periodLabel: current.label, progress: 40, lastReportStatus: 'DRAFT' });
  });
});

describe('a reviewer decides', () => {
  it('returns with a reason; the officer sees it, fixes and resubmits; approval completes the task', async () => {
    await actAs('cb.tranphu');
    const r = await getDb().report.findFirstOrThrow({ where: { assignmentId: i4TranPhu } });
    await actAs('tp.noivu');
    await expect(
      reviewReport({ reportId: r.id, version: r.version, decision: 'return', comment: '' }),
    ).rejects.toBeTruthy();
    const returned = await reviewReport({
      reportId: r.id,
      version: r.version,
      decision: 'return',
      comment: 'Bổ sung số, ký hiệu văn bản đã ban hành.',
    });
    const officer = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.tranphu' } });
    expect(await getDb().notification.count({ where: { userId: officer.id, kind: 'report.returned' } })).toBe(1);

    await actAs('cb.tranphu');
    const view = await getReport(r.id);
    expect(view).toMatchObject({ status: 'RETURNED', reviewComment: 'Bổ sung số, ký hiệu văn bản đã ban hành.' });
    const resubmitted = await saveReport({
      ...base,
      assignmentId: i4TranPhu,
      periodKey: 'ONCE',
      version: returned.version,
      progress: 100,
      content: 'Đảng ủy phường đã ban hành Chỉ thị số 05-CT/ĐU ngày 10/11/2026.',
      noEvidenceReason: 'Văn bản mật, chỉ lưu bản giấy.',
      intent: 'submit',
    });

    await actAs('chutich');
    const counts = await getHeadline();
    await actAs('tp.noivu');
    await reviewReport({ reportId: r.id, version: resubmitted.version, decision: 'approve', comment: '' });
    const assignment = await getDb().assignment.findUniqueOrThrow({ where: { id: i4TranPhu } });
    expect(assignment.completedAt).not.toBeNull();
    expect(assignment.progress).toBe(100);
    await actAs('chutich');
    const after = await getHeadline();
    expect(after.DONE_ON_TIME).toBe(counts.DONE_ON_TIME + 1); // no deadline: done on time

    // the history keeps the return and the approval, and every step is in the audit trail
    const history = await getReport(r.id);
    expect(history.reviews.map((v) => v.decision)).toEqual(['RETURNED', 'APPROVED']);
    expect(history.timeline.map((e) => e.action)).toEqual([
      'report.draft_saved',
      'report.submitted',
      'report.returned',
      'report.submitted',
      'report.approved',
    ]);
  });

  it('two heads deciding at once: exactly one decision counts', async () => {
    // a second standing-office head
    const nv = await unitId('NV');
    const second = await getDb().user.create({
      data: {
        username: 'pp.noivu',
        displayName: 'Phó phòng Nội vụ',
        role: 'DEPARTMENT_HEAD',
        unitId: nv,
        passwordHash: 'x',
      },
    });
    const pending = await getDb().report.findFirstOrThrow({
      where: {
        status: 'SUBMITTED',
        assignment: { unit: { code: 'X-THACHHA' }, task: { number: '1', section: { numeral: 'I' } } },
      },
    });
    await actAs('tp.noivu');
    const first = reviewReport({ reportId: pending.id, version: pending.version, decision: 'approve', comment: '' });
    await actAs(second.username);
    const other = reviewReport({
      reportId: pending.id,
      version: pending.version,
      decision: 'return',
      comment: 'Thiếu biên bản hội nghị.',
    });
    const results = await Promise.allSettled([first, other]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await getDb().reportReview.count({ where: { reportId: pending.id } })).toBe(1);
  });

  it('nobody outside the routing can decide: they get not-found', async () => {
    const pending = await getDb().report.findFirstOrThrow({
      where: { status: 'SUBMITTED', assignment: { unit: { code: 'VHTT' } } },
    });
    await actAs('tp.vhtt'); // the lead department may not approve its own report
    await expect(
      reviewReport({ reportId: pending.id, version: pending.version, decision: 'approve', comment: '' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await actAs('cb.tranphu');
    await expect(
      reviewReport({ reportId: pending.id, version: pending.version, decision: 'approve', comment: '' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getReport(pending.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
