/**
 * User administration: only the administrator; create (argon2 hash, can log in), change role and
 * unit, reset a password and deactivate (both end every session at once), and the guards around
 * the administrators themselves.
 */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

// `acting.user`, when set, overrides the current user: two administrators can then start
// requests at the same moment (the data layer reads the user synchronously as a call starts).
const acting = vi.hoisted(() => ({ user: null as unknown }));
vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => acting.user ?? currentUser() }));

const { getDb } = await import('../../lib/db');
const A = await import('../../lib/data/admin-users');
const { getSessionUser, verifyCredentials } = await import('../../lib/data/users');
const { UserCreateInput, UserUpdateInput, PasswordResetInput } = await import('../../lib/validation/user');

const db = getDb();
const STRONG = 'Mật-khẩu-dài-2026!';

async function create(username: string, extra: Record<string, string> = {}) {
  return A.createUser(
    UserCreateInput.parse({
      username,
      displayName: 'Hoàng Văn Sơn',
      jobTitle: 'Công chức Văn phòng – Thống kê',
      role: 'OFFICER',
      unitId: String(await unitId('P-DAINAI')),
      password: STRONG,
      ...extra,
    }),
  );
}

describe('who may manage users', () => {
  it('only the administrator: the standing office’s head (who may manage programmes) is refused', async () => {
    for (const username of ['tp.noivu', 'cb.noivu', 'chutich']) {
      await actAs(username);
      await expect(A.listUsers()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(A.getUser(1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(create('khong.duoc')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(A.deactivateUser(1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(A.resetPassword({ userId: 1, password: STRONG })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.user.count({ where: { username: 'khong.duoc' } })).toBe(0);
  });

  it('lists users without ever reading a password hash', async () => {
    await actAs('admin');
    const users = await A.listUsers();
    expect(users.length).toBeGreaterThan(10);
    for (const u of users) expect(Object.keys(u)).not.toContain('passwordHash');
    expect((await A.listUsers({ q: 'trần phú' })).map((u) => u.username)).toContain('cb.tranphu');
  });
});

describe('creating and changing users', () => {
  it('creates a user with a hashed password who can then log in', async () => {
    await actAs('admin');
    const { userId } = await create('Cb.DaiNai ');
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.username).toBe('cb.dainai');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(STRONG);
    const session = await verifyCredentials('cb.dainai', STRONG);
    expect(session).toMatchObject({ id: userId, sessionVersion: 0 });
    expect(await getSessionUser(userId, 0)).toMatchObject({
      username: 'cb.dainai',
      unitName: 'Phường Đại Nài',
      role: 'OFFICER',
    });
    expect(await db.auditEvent.count({ where: { action: 'user.created', entityId: String(userId) } })).toBe(1);
  });

  it('refuses a taken username, a short password and an inactive unit, next to the field', async () => {
    await actAs('admin');
    await expect(create('cb.tranphu')).rejects.toMatchObject({ field: 'username' });
    const short = UserCreateInput.safeParse({
      username: 'ab',
      displayName: 'A',
      role: 'BOSS',
      unitId: 'x',
      password: 'ngắn',
    });
    expect(short.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['username', 'Tên đăng nhập cần ít nhất 3 ký tự.'],
      ['displayName', 'Nhập họ và tên.'],
      ['role', 'Chọn vai trò.'],
      ['unitId', 'Đơn vị không hợp lệ.'],
      ['password', 'Mật khẩu cần ít nhất 12 ký tự.'],
    ]);
    const closed = await db.unit.create({
      data: {
        code: 'X-CU',
        name: 'Xã Cũ',
        kind: 'COMMUNE',
        validFrom: new Date('2021-01-01'),
        validTo: new Date('2024-12-31'),
        active: false,
      },
    });
    await expect(create('cb.xacu', { unitId: String(closed.id) })).rejects.toMatchObject({ field: 'unitId' });
  });

  it('changes role and unit: the next request sees them', async () => {
    await actAs('admin');
    const user = await db.user.findUniqueOrThrow({
      where: { username: 'cb.namha' },
      select: { id: true, sessionVersion: true },
    });
    await A.updateUser(
      UserUpdateInput.parse({
        userId: String(user.id),
        displayName: 'Bùi Thị Bình',
        jobTitle: 'Phó Chủ tịch UBND phường',
        role: 'DEPARTMENT_HEAD',
        unitId: String(await unitId('P-BACHA')),
      }),
    );
    expect(await getSessionUser(user.id, user.sessionVersion)).toMatchObject({
      role: 'DEPARTMENT_HEAD',
      unitName: 'Phường Bắc Hà',
    });
  });
});

describe('ending sessions', () => {
  it('a password reset ends every session; only the new password works', async () => {
    await actAs('admin');
    const user = await db.user.findUniqueOrThrow({
      where: { username: 'cb.thachha' },
      select: { id: true, sessionVersion: true },
    });
    expect(await getSessionUser(user.id, user.sessionVersion)).not.toBeNull();
    await A.resetPassword(PasswordResetInput.parse({ userId: String(user.id), password: 'Mat-khau-moi-2027' }));
    expect(await getSessionUser(user.id, user.sessionVersion)).toBeNull();
    expect(await verifyCredentials('cb.thachha', 'DonDoc@2026')).toBeNull();
    expect(await verifyCredentials('cb.thachha', 'Mat-khau-moi-2027')).toMatchObject({
      sessionVersion: user.sessionVersion + 1,
    });
    expect(PasswordResetInput.safeParse({ userId: '1', password: 'short' }).success).toBe(false);
  });

  it('deactivation ends every session and login; reactivation allows login again', async () => {
    await actAs('admin');
    const user = await db.user.findUniqueOrThrow({
      where: { username: 'cb.bacha' },
      select: { id: true, sessionVersion: true },
    });
    await A.deactivateUser(user.id);
    expect(await getSessionUser(user.id, user.sessionVersion)).toBeNull();
    expect(await verifyCredentials('cb.bacha', 'DonDoc@2026')).toBeNull();
    await expect(A.deactivateUser(user.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await A.reactivateUser(user.id);
    expect(await verifyCredentials('cb.bacha', 'DonDoc@2026')).not.toBeNull();
    // The old session stays ended: reactivation does not bring back a session version.
    expect(await getSessionUser(user.id, user.sessionVersion)).toBeNull();
    expect(
      await db.auditEvent.count({
        where: {
          entityType: 'User',
          entityId: String(user.id),
          action: { in: ['user.deactivated', 'user.reactivated'] },
        },
      }),
    ).toBe(2);
  });
});

describe('administrators', () => {
  it('cannot deactivate or demote themselves; the last active administrator cannot be removed', async () => {
    const me = (await actAs('admin'))!;
    await expect(A.deactivateUser(me.id)).rejects.toMatchObject({
      message: 'Bạn không thể tự khóa tài khoản của mình.',
    });
    await expect(
      A.updateUser(
        UserUpdateInput.parse({
          userId: String(me.id),
          displayName: me.displayName,
          role: 'OFFICER',
          unitId: String(me.unitId),
        }),
      ),
    ).rejects.toMatchObject({ field: 'role' });

    // A second administrator; the two try to remove each other at the same moment: one wins.
    const { userId: second } = await create('qt.hai', { role: 'ADMIN', unitId: String(await unitId('NV')) });
    const secondUser = await actAs('qt.hai');
    acting.user = secondUser;
    const first = A.deactivateUser(me.id);
    acting.user = me;
    const other = A.deactivateUser(second);
    acting.user = null;
    const results = await Promise.allSettled([first, other]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.user.count({ where: { role: 'ADMIN', active: true } })).toBe(1);
  });
});
