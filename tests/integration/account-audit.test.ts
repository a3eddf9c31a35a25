/**
 * Changing one's own password, the "must change password" state after an administrator's reset
 * (enforced by the data layer, not only by a redirect), the audit events of user administration,
 * and the administrator's audit page (permission, filters, cursor paging).
 */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

const renewed = vi.hoisted(() => ({ versions: [] as number[] }));
vi.mock('../../lib/auth', () => ({
  getCurrentUser: async () => currentUser(),
  renewSessionCookie: async (sv: number) => {
    renewed.versions.push(sv);
  },
}));
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
const { changePasswordAction } = await import('../../lib/actions/account');
const { resetPasswordAction } = await import('../../lib/actions/admin-users');
const A = await import('../../lib/data/admin-users');
const { listAuditEvents, listAuditFilterOptions, AUDIT_PAGE_SIZE } = await import('../../lib/data/audit-trail');
const { listMyAssignments } = await import('../../lib/data/work');
const { getSessionUser, verifyCredentials } = await import('../../lib/data/users');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { AuditFilterInput } = await import('../../lib/validation/audit');
const { UserUpdateInput } = await import('../../lib/validation/user');
const { DEMO_PASSWORD } = await import('../../prisma/seed/demo-users');

const db = getDb();
const NEW = 'Trăng rằm tháng tám 2027';

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe('changing my password', () => {
  it('refuses a wrong current password, a weak or mismatched new one, with Vietnamese field errors and nothing echoed', async () => {
    await actAs('cb.nguyendu');
    const wrong = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: 'khong-dung', newPassword: NEW, confirmPassword: NEW }),
    );
    expect(wrong).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ['Mật khẩu hiện tại không đúng.'] },
      fields: {},
    });
    const weak = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: DEMO_PASSWORD, newPassword: 'password1234', confirmPassword: 'password1234' }),
    );
    expect(weak.fieldErrors?.newPassword?.[0]).toMatch(/quá phổ biến hoặc dễ đoán/);
    const mine = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: DEMO_PASSWORD, newPassword: 'cb.nguyendu2027', confirmPassword: 'cb.nguyendu2027' }),
    );
    expect(mine.fieldErrors?.newPassword?.[0]).toMatch(/dễ đoán/);
    const mismatch = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: `${NEW}!` }),
    );
    expect(mismatch).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: ['Mật khẩu nhập lại không khớp.'] },
      fields: {},
    });
    const short = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: '', newPassword: 'ngắn', confirmPassword: 'ngắn' }),
    );
    expect(short.fieldErrors).toMatchObject({
      currentPassword: ['Nhập mật khẩu hiện tại.'],
      newPassword: ['Mật khẩu cần ít nhất 12 ký tự.'],
    });
    expect(JSON.stringify([wrong, weak, mismatch, short])).not.toContain(DEMO_PASSWORD);
    expect(await verifyCredentials('cb.nguyendu', DEMO_PASSWORD)).not.toBeNull();
  });

  it('changes it: other sessions end, this browser gets the new version, the audit trail has it without the password', async () => {
    const me = (await actAs('cb.nguyendu'))!;
    const before = await db.user.findUniqueOrThrow({ where: { id: me.id }, select: { sessionVersion: true } });
    renewed.versions = [];
    const state = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: DEMO_PASSWORD, newPassword: NEW, confirmPassword: NEW }),
    );
    expect(state).toMatchObject({
      ok: true,
      message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.',
    });
    expect(renewed.versions).toEqual([before.sessionVersion + 1]);
    expect(await getSessionUser(me.id, before.sessionVersion)).toBeNull();
    expect(await getSessionUser(me.id, before.sessionVersion + 1)).not.toBeNull();
    expect(await verifyCredentials('cb.nguyendu', DEMO_PASSWORD)).toBeNull();
    expect(await verifyCredentials('cb.nguyendu', NEW)).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'user.password_changed', entityId: String(me.id) },
    });
    expect(event).toMatchObject({ actorId: me.id, unitId: me.unitId, data: { forced: false } });
    expect(JSON.stringify({ ...event, id: String(event.id) })).not.toContain(NEW);
  });
});

describe('an administrator’s reset forces a change', () => {
  it('the user can do nothing but change their password; then everything works again', async () => {
    const admin = (await actAs('admin'))!;
    const officer = await db.user.findUniqueOrThrow({ where: { username: 'cb.thachquy' }, select: { id: true } });
    const weak = await resetPasswordAction(
      INITIAL_STATE,
      form({ userId: String(officer.id), password: 'qwertyuiop123' }),
    );
    expect(weak.fieldErrors?.password?.[0]).toMatch(/quá phổ biến/);
    expect(
      await resetPasswordAction(INITIAL_STATE, form({ userId: String(officer.id), password: 'Mat-khau-tam-7431' })),
    ).toMatchObject({ ok: true });
    expect(
      await db.auditEvent.count({
        where: { action: 'user.password_reset', actorId: admin.id, entityId: String(officer.id) },
      }),
    ).toBe(1);

    const session = await verifyCredentials('cb.thachquy', 'Mat-khau-tam-7431');
    expect(session).not.toBeNull();
    await actAs('cb.thachquy');
    expect(currentUser()).toMatchObject({ mustChangePassword: true });
    // the server refuses every data function, whatever the client does
    await expect(listMyAssignments()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
    });
    const err = await changePasswordAction(
      INITIAL_STATE,
      form({
        currentPassword: 'Mat-khau-tam-7431',
        newPassword: 'Mat-khau-tam-7431',
        confirmPassword: 'Mat-khau-tam-7431',
      }),
    );
    expect(err.fieldErrors?.newPassword).toEqual(['Mật khẩu mới phải khác mật khẩu hiện tại.']);
    const done = await changePasswordAction(
      INITIAL_STATE,
      form({ currentPassword: 'Mat-khau-tam-7431', newPassword: NEW, confirmPassword: NEW }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(done).toBeInstanceOf(Redirect);
    expect((done as Redirect).url).toBe('/');
    await actAs('cb.thachquy');
    expect(currentUser()).toMatchObject({ mustChangePassword: false });
    expect(Array.isArray(await listMyAssignments())).toBe(true);
    expect(
      await db.auditEvent.count({
        where: { action: 'user.password_changed', entityId: String(officer.id), data: { equals: { forced: true } } },
      }),
    ).toBe(1);
  });
});

describe('role and unit changes are audit events of their own', () => {
  it('records from and to', async () => {
    await actAs('admin');
    const u = await db.user.findUniqueOrThrow({
      where: { username: 'cb.tckh' },
      select: { id: true, displayName: true, unitId: true },
    });
    await A.updateUser(
      UserUpdateInput.parse({
        userId: String(u.id),
        displayName: u.displayName,
        role: 'DEPARTMENT_HEAD',
        unitId: String(await unitId('VHTT')),
      }),
    );
    const events = await db.auditEvent.findMany({
      where: { entityType: 'User', entityId: String(u.id) },
      select: { action: true, data: true },
    });
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'user.role_changed', data: { from: 'OFFICER', to: 'DEPARTMENT_HEAD' } },
        { action: 'user.unit_changed', data: { from: u.unitId, to: await unitId('VHTT') } },
      ]),
    );
  });
});

describe('the audit page', () => {
  it('is for administrators only', async () => {
    for (const username of ['chutich', 'tp.noivu', 'cb.tranphu']) {
      await actAs(username);
      await expect(listAuditEvents({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listAuditFilterOptions()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('filters by user, unit, action and days, and pages with a cursor without gaps or repeats', async () => {
    const admin = (await actAs('admin'))!;
    const target = await db.user.findUniqueOrThrow({
      where: { username: 'cb.namha' },
      select: { id: true, unitId: true },
    });
    // 2 × page size events about one user, written now
    for (let i = 0; i < AUDIT_PAGE_SIZE * 2 + 3; i += 1) {
      await db.auditEvent.create({
        data: {
          actorId: null,
          action: 'auth.sign_in_failed',
          entityType: 'User',
          entityId: String(target.id),
          unitId: target.unitId,
          ip: '203.0.113.7',
        },
      });
    }
    const byUser = AuditFilterInput.parse({ userId: String(target.id), action: 'auth.sign_in_failed' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents({
        ...byUser,
        cursor: cursor ?? undefined,
      });
      seen.push(...page.events.map((e) => e.id));
      for (const e of page.events)
        expect(e).toMatchObject({ action: 'auth.sign_in_failed', subject: 'cb.namha', ip: '203.0.113.7' });
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(AUDIT_PAGE_SIZE * 2 + 3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(seen);

    // by unit: only that unit's events
    const unitEvents = await listAuditEvents(AuditFilterInput.parse({ unitId: String(target.unitId) }));
    expect(unitEvents.events.length).toBeGreaterThan(0);
    expect(unitEvents.events.every((e) => e.unit?.name === 'Phường Nam Hà')).toBe(true);

    // by the actor: the administrator's own actions
    const mine = await listAuditEvents(
      AuditFilterInput.parse({ userId: String(admin.id), action: 'user.role_changed' }),
    );
    expect(mine.events.every((e) => e.actor?.id === admin.id || e.subject === 'admin')).toBe(true);

    // by days (in Vietnam): nothing in a day long past, everything today
    expect(
      (
        await listAuditEvents(
          AuditFilterInput.parse({ userId: String(target.id), from: '2020-01-01', to: '2020-01-31' }),
        )
      ).events,
    ).toHaveLength(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    expect(
      (await listAuditEvents(AuditFilterInput.parse({ userId: String(target.id), from: today, to: today }))).events,
    ).toHaveLength(AUDIT_PAGE_SIZE);
  });

  it('refuses bad filters with Vietnamese messages', () => {
    const bad = AuditFilterInput.safeParse({
      userId: '2147483648',
      unitId: 'abc',
      action: 'user.hacked',
      from: '2026-02-30',
      to: '2026-01-01',
      cursor: '-1',
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => [i.path[0], i.message]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['userId', 'Người dùng không hợp lệ.'],
        ['unitId', 'Đơn vị không hợp lệ.'],
        ['action', 'Loại sự kiện không hợp lệ.'],
        ['from', 'Từ ngày không hợp lệ (dd/mm/yyyy).'],
        ['cursor', 'Trang không hợp lệ.'],
      ]),
    );
    expect(AuditFilterInput.safeParse({ from: '2026-02-01', to: '2026-01-01' }).error!.issues[0]).toMatchObject({
      path: ['to'],
      message: 'Đến ngày phải sau hoặc bằng Từ ngày.',
    });
    expect(AuditFilterInput.parse({ userId: '', action: '' })).toEqual({});
  });
});
