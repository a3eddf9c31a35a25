/**
 * The administration's server actions as a browser calls them (FormData in, ActionState or a
 * redirect out): Vietnamese field errors, fields echoed back (never a password), the multi-value
 * fields the forms post (role.<unitId>, predecessorIds, successors.<i>.*), and refusals as messages.
 */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));

const { getDb } = await import('../../lib/db');
const { createUserAction, userStatusAction } = await import('../../lib/actions/admin-users');
const { mergeUnitsAction, splitUnitAction, createUnitAction } = await import('../../lib/actions/admin-units');
const {
  createProgrammeAction,
  createSectionAction,
  createTaskAction,
  setTaskAssignmentsAction,
  fanOutTaskAction,
  updateTaskAction,
  moveTaskAction,
} = await import('../../lib/actions/admin-programmes');
const { analyzeDirectiveAction, importProgrammeAction } = await import('../../lib/actions/admin-import');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { formatDateVn, vnDateOf } = await import('../../lib/domain/time');

const db = getDb();

function form(fields: Record<string, string | string[] | File>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const x of v) fd.append(k, x);
    else fd.append(k, v);
  }
  return fd;
}

async function redirected(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Redirect)) throw new Error(`expected a redirect, got ${String(error)}`);
  return error.url;
}

describe('users', () => {
  it('a refused creation comes back with field messages and the typed fields, never the password', async () => {
    await actAs('admin');
    const state = await createUserAction(
      INITIAL_STATE,
      form({ username: 'cb.moi', displayName: 'Lê Văn Mới', role: 'OFFICER', unitId: '', password: 'ngắn-quá' }),
    );
    expect(state.ok).toBe(false);
    expect(state.fieldErrors?.password).toEqual(['Mật khẩu cần ít nhất 12 ký tự.']);
    expect(state.fieldErrors?.unitId?.[0]).toBe('Đơn vị không hợp lệ.');
    expect(state.fields).toMatchObject({ username: 'cb.moi', displayName: 'Lê Văn Mới' });
    expect(state.fields).not.toHaveProperty('password');
  });

  it('creation redirects to the new user; a refusal from the data layer is a message, not a crash', async () => {
    await actAs('admin');
    const url = await redirected(
      createUserAction(
        INITIAL_STATE,
        form({
          username: 'cb.hanhchinh',
          displayName: 'Trần Thị Hạnh',
          role: 'OFFICER',
          unitId: String(await unitId('TP')),
          password: 'Mot-mat-khau-du-dai',
        }),
      ),
    );
    expect(url).toMatch(/^\/admin\/users\/\d+\?created=1$/);
    const me = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const state = await userStatusAction(INITIAL_STATE, form({ userId: String(me.id), intent: 'deactivate' }));
    expect(state).toMatchObject({ ok: false, message: 'Bạn không thể tự khóa tài khoản của mình.' });
    await actAs('tp.noivu');
    const forbidden = await userStatusAction(INITIAL_STATE, form({ userId: String(me.id), intent: 'deactivate' }));
    expect(forbidden).toMatchObject({ ok: false, message: 'Bạn không có quyền thực hiện thao tác này.' });
  });
});

describe('units', () => {
  it('merge reads every ticked unit; split reads its rows; both redirect with their counts', async () => {
    await actAs('admin');
    const a = await unitId('X-THACHTRUNG');
    const b = await unitId('X-THACHHUNG');
    const none = await mergeUnitsAction(
      INITIAL_STATE,
      form({
        predecessorIds: [String(a)],
        effectiveDate: formatDateVn(vnDateOf(new Date())),
        code: 'X-TH',
        name: 'Xã Thạch Hưng Trung',
        kind: 'COMMUNE',
      }),
    );
    expect(none.fieldErrors?.predecessorIds).toEqual(['Chọn ít nhất hai đơn vị sáp nhập.']);
    expect(none.fields?.predecessorIds).toBe(String(a));
    const url = await redirected(
      mergeUnitsAction(
        INITIAL_STATE,
        form({
          predecessorIds: [String(a), String(b)],
          effectiveDate: formatDateVn(vnDateOf(new Date())),
          code: 'x-th',
          name: 'Xã Thạch Hưng Trung',
          kind: 'COMMUNE',
          moveUsers: 'on',
        }),
      ),
    );
    expect(url).toMatch(/^\/admin\/units\/\d+\?merged=\d+-\d+-\d+-\d+-\d+$/);
    expect(await db.unit.findUniqueOrThrow({ where: { code: 'X-TH' }, select: { active: true } })).toEqual({
      active: true,
    });

    const dongMon = await unitId('X-DONGMON');
    const oneRow = await splitUnitAction(
      INITIAL_STATE,
      form({
        predecessorId: String(dongMon),
        effectiveDate: formatDateVn(vnDateOf(new Date())),
        mainIndex: '0',
        'successors.0.code': 'X-DM1',
        'successors.0.name': 'Xã Đồng Môn 1',
        'successors.0.kind': 'COMMUNE',
      }),
    );
    expect(oneRow.fieldErrors?.successors).toEqual(['Nhập ít nhất hai đơn vị mới.']);
    const badRow = await splitUnitAction(
      INITIAL_STATE,
      form({
        predecessorId: String(dongMon),
        effectiveDate: formatDateVn(vnDateOf(new Date())),
        mainIndex: '1',
        'successors.0.code': 'X-DM1',
        'successors.0.name': 'Xã Đồng Môn 1',
        'successors.0.kind': 'COMMUNE',
        'successors.1.code': 'có dấu',
        'successors.1.name': 'Xã Đồng Môn 2',
        'successors.1.kind': 'COMMUNE',
      }),
    );
    expect(badRow.fieldErrors?.['successors.1.code']?.[0]).toContain('chỉ gồm chữ không dấu');
    const splitUrl = await redirected(
      splitUnitAction(
        INITIAL_STATE,
        form({
          predecessorId: String(dongMon),
          effectiveDate: formatDateVn(vnDateOf(new Date())),
          mainIndex: '1',
          'successors.0.code': 'X-DM1',
          'successors.0.name': 'Xã Đồng Môn 1',
          'successors.0.kind': 'COMMUNE',
          'successors.1.code': 'X-DM2',
          'successors.1.name': 'Xã Đồng Môn 2',
          'successors.1.kind': 'COMMUNE',
        }),
      ),
    );
    expect(splitUrl).toBe(`/admin/units/${dongMon}?split=${splitUrl.split('=')[1]}`);
    const created = await createUnitAction(
      INITIAL_STATE,
      form({ code: 'X-DM1', name: 'Trùng mã', kind: 'COMMUNE', validFrom: '01/01/2026' }),
    );
    expect(created).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('đã được dùng')] } });
  });
});

describe('programmes', () => {
  it('create programme → section → task; the matrix posts role.<unitId>; fan-out reports the count', async () => {
    await actAs('tp.noivu');
    const bad = await createProgrammeAction(
      INITIAL_STATE,
      form({ title: '', issuingBody: 'UBND thành phố Hà Tĩnh', issuedOn: '31/02/2027' }),
    );
    expect(bad.fieldErrors?.title).toEqual(['Nhập tên chương trình.']);
    expect(bad.fieldErrors?.issuedOn?.[0]).toContain('dd/mm/yyyy');
    const url = await redirected(
      createProgrammeAction(
        INITIAL_STATE,
        form({ title: 'Kế hoạch số hóa hồ sơ 2027', issuingBody: 'UBND thành phố Hà Tĩnh' }),
      ),
    );
    const programmeId = Number(url.split('/').pop());
    expect(
      await createSectionAction(
        INITIAL_STATE,
        form({ programmeId: String(programmeId), numeral: 'I', title: 'Số hóa' }),
      ),
    ).toMatchObject({ ok: true });
    const section = await db.section.findFirstOrThrow({ where: { programmeId }, select: { id: true } });
    const taskUrl = await redirected(
      createTaskAction(
        INITIAL_STATE,
        form({
          programmeId: String(programmeId),
          sectionId: String(section.id),
          number: '1',
          title: 'Số hóa hồ sơ',
          text: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.',
          recurrence: 'ONCE',
          dueDate: '31/12/2027',
          evidenceRequired: 'on',
          leadUnitId: String(await unitId('VP')),
          collective: '',
        }),
      ),
    );
    const taskId = Number(/tasks\/(\d+)/.exec(taskUrl)![1]);
    const [tp, yt] = [await unitId('TP'), await unitId('YT')];
    const matrix = await setTaskAssignmentsAction(
      INITIAL_STATE,
      form({ taskId: String(taskId), [`role.${tp}`]: 'COORDINATING', [`role.${yt}`]: 'IMPLEMENTING' }),
    );
    expect(matrix).toMatchObject({ ok: true, message: 'Đã lưu: thêm 2, bỏ 0, đổi vai trò 0 đơn vị.' });
    const twoLeads = await setTaskAssignmentsAction(
      INITIAL_STATE,
      form({ taskId: String(taskId), [`role.${tp}`]: 'LEAD', [`role.${yt}`]: 'LEAD' }),
    );
    expect(twoLeads.fieldErrors?.roles).toEqual(['Mỗi nhiệm vụ chỉ có một đơn vị chủ trì.']);
    const fan = await fanOutTaskAction(
      INITIAL_STATE,
      form({ taskId: String(taskId), group: 'WARDS_COMMUNES', role: 'IMPLEMENTING' }),
    );
    expect(fan.message).toMatch(/^Đã giao cho \d+ đơn vị\.$/);
    const periodic = await updateTaskAction(
      INITIAL_STATE,
      form({
        taskId: String(taskId),
        sectionId: String(section.id),
        number: '1',
        title: 'Số hóa hồ sơ',
        text: 'x',
        recurrence: 'MONTHLY',
        dueDate: '31/12/2027',
      }),
    );
    expect(periodic.fieldErrors?.dueDate?.[0]).toContain('định kỳ');
    // Up/down buttons: a bad form does nothing; a real move works.
    await expect(moveTaskAction(form({ id: 'abc', direction: 'up' }))).resolves.toBeUndefined();
    await expect(moveTaskAction(form({ id: String(taskId), direction: 'up' }))).resolves.toBeUndefined();
    await actAs('cb.noivu');
    expect(
      await createSectionAction(
        INITIAL_STATE,
        form({ programmeId: String(programmeId), numeral: 'II', title: 'Không được' }),
      ),
    ).toMatchObject({ ok: false, message: 'Bạn không có quyền thực hiện thao tác này.' });
  });

  it('the import: analysis returns the proposal as JSON; a bad save comes back keyed by grid cell; a good one redirects', async () => {
    await actAs('admin');
    const empty = await analyzeDirectiveAction(INITIAL_STATE, form({ text: '  ' }));
    expect(empty.fieldErrors?.text?.[0]).toContain('Dán nội dung văn bản');
    const notDocx = await analyzeDirectiveAction(
      INITIAL_STATE,
      form({ text: '', file: new File(['không phải docx'], 'a.docx') }),
    );
    expect(notDocx.fieldErrors?.file?.[0]).toContain('không phải tài liệu Word');
    const ok = await analyzeDirectiveAction(
      INITIAL_STATE,
      form({ text: 'I. Chung\n1. Phòng Tư pháp chủ trì rà soát văn bản, hoàn thành trước 30/6/2027.' }),
    );
    expect(ok.ok).toBe(true);
    const proposal = JSON.parse(String(ok.result?.proposal));
    expect(proposal.sections[0].tasks[0]).toMatchObject({ lead: 'TP', dueDate: '30/06/2027' });

    expect(await importProgrammeAction('{not json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('không hợp lệ'),
    });
    proposal.programme.title = 'Rà soát văn bản 2027';
    proposal.sections[0].tasks[0].dueDate = '30/13/2027';
    const bad = await importProgrammeAction(JSON.stringify(proposal));
    expect(bad.fieldErrors?.['sections.0.tasks.0.dueDate']?.[0]).toContain('dd/mm/yyyy');
    proposal.sections[0].tasks[0].dueDate = '30/06/2027';
    proposal.sections[0].tasks[0].lead = 'KHONG-CO';
    const unknown = await importProgrammeAction(JSON.stringify(proposal));
    expect(unknown.fieldErrors?.['sections.0.tasks.0.lead']?.[0]).toContain('không có trong danh mục');
    proposal.sections[0].tasks[0].lead = 'TP';
    expect(await redirected(importProgrammeAction(JSON.stringify(proposal)))).toMatch(
      /^\/admin\/programmes\/\d+\?imported=1$/,
    );
  });
});
