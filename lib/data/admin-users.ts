import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, FieldError, ForbiddenError, NotFoundError } from '../errors';
import { hashPassword } from '../password';
import { weakPasswordReason } from '../password-policy';
import type { PasswordResetInput, UserCreateInput, UserUpdateInput } from '../validation/user';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * User administration (ADMIN only). Reads never select the password hash. Deactivation and a
 * password reset bump sessionVersion, which ends every session of that user at the next request
 * (docs/decisions/003); after a reset the user must choose a new password before anything else
 * (lib/data/guard.ts). Passwords must pass lib/password-policy.ts. An administrator cannot deactivate or demote themselves, and the last
 * active administrator cannot be removed: the check runs under a lock on the administrators' rows
 * so two administrators removing each other at once cannot both succeed.
 */

type Tx = Prisma.TransactionClient;

const PUBLIC_FIELDS = {
  id: true,
  username: true,
  displayName: true,
  jobTitle: true,
  email: true,
  phone: true,
  role: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
  unit: { select: { id: true, name: true, active: true } },
} as const satisfies Prisma.UserSelect;

export async function listUsers({ q = '', includeInactive = true }: { q?: string; includeInactive?: boolean } = {}) {
  await requirePermission('user:manage');
  const term = q.normalize('NFC').trim().slice(0, 100);
  const where: Prisma.UserWhereInput = {
    ...(includeInactive ? {} : { active: true }),
    ...(term
      ? {
          OR: [
            { username: { contains: term, mode: 'insensitive' } },
            { displayName: { contains: term, mode: 'insensitive' } },
            { unit: { name: { contains: term, mode: 'insensitive' } } },
          ],
        }
      : {}),
  };
  return getDb().user.findMany({
    where,
    orderBy: [{ active: 'desc' }, { unit: { name: 'asc' } }, { displayName: 'asc' }],
    select: PUBLIC_FIELDS,
  });
}

export async function getUser(userId: number) {
  await requirePermission('user:manage');
  const user = await getDb().user.findUnique({ where: { id: userId }, select: PUBLIC_FIELDS });
  if (!user) throw new NotFoundError();
  return user;
}

/** Units a user may belong to (active ones). */
export async function listUnitOptions() {
  await requirePermission('user:manage');
  return getDb().unit.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, kind: true },
  });
}

async function assertActiveUnit(tx: Tx, unitId: number): Promise<void> {
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true } });
  if (!unit?.active) throw new FieldError('unitId', 'Chọn một đơn vị đang hoạt động.');
}

/**
 * Locks the active administrators' rows and returns their ids. The acting administrator must be
 * among them: one who was removed a moment ago by another administrator must not act on the
 * session they still hold (that is how two admins removing each other at once both fail safe).
 */
async function lockAdmins(tx: Tx, actorId: number): Promise<number[]> {
  const rows = await tx.$queryRaw<
    { id: number }[]
  >`SELECT id FROM "User" WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  const ids = rows.map((r) => r.id);
  if (!ids.includes(actorId)) throw new ForbiddenError();
  return ids;
}

export async function createUser(input: UserCreateInput): Promise<{ userId: number }> {
  const actor = await requirePermission('user:manage');
  const weak = weakPasswordReason(input.password, [input.username, input.displayName]);
  if (weak) throw new FieldError('password', weak);
  // Hash outside the transaction: argon2 takes a moment and no row needs to wait for it.
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
        throw new FieldError('username', 'Tên đăng nhập này đã có người dùng.');
      }
      await assertActiveUnit(tx, input.unitId);
      const u = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          jobTitle: input.jobTitle,
          email: input.email,
          phone: input.phone,
          role: input.role,
          unitId: input.unitId,
          passwordHash,
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'user.created',
        entityType: 'User',
        entityId: u.id,
        data: { username: input.username, role: input.role, unitId: input.unitId },
      });
      return { userId: u.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new FieldError('username', 'Tên đăng nhập này đã có người dùng.');
    throw error;
  }
}

/** Profile, role and unit. A new role or unit applies from the user's next request. */
export async function updateUser(input: UserUpdateInput): Promise<void> {
  const actor = await requirePermission('user:manage');
  await getDb().$transaction(async (tx) => {
    const admins = await lockAdmins(tx, actor.id);
    const u = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, role: true, unitId: true, active: true, displayName: true, jobTitle: true },
    });
    if (!u) throw new NotFoundError();
    if (u.role !== input.role) {
      if (u.id === actor.id) throw new FieldError('role', 'Bạn không thể tự thay đổi vai trò của mình.');
      if (u.role === 'ADMIN' && u.active && admins.length <= 1)
        throw new FieldError('role', 'Đây là quản trị viên cuối cùng đang hoạt động: không thể đổi vai trò.');
    }
    if (u.unitId !== input.unitId) await assertActiveUnit(tx, input.unitId);
    await tx.user.update({
      where: { id: u.id },
      data: {
        displayName: input.displayName,
        jobTitle: input.jobTitle,
        email: input.email,
        phone: input.phone,
        role: input.role,
        unitId: input.unitId,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'user.updated',
      entityType: 'User',
      entityId: u.id,
      data: {
        from: { role: u.role, unitId: u.unitId, displayName: u.displayName },
        to: { role: input.role, unitId: input.unitId, displayName: input.displayName },
      },
    });
    // Role and unit changes are events of their own, so the audit page can filter them.
    if (u.role !== input.role) {
      await audit(tx, {
        actorId: actor.id,
        action: 'user.role_changed',
        entityType: 'User',
        entityId: u.id,
        data: { from: u.role, to: input.role },
      });
    }
    if (u.unitId !== input.unitId) {
      await audit(tx, {
        actorId: actor.id,
        action: 'user.unit_changed',
        entityType: 'User',
        entityId: u.id,
        data: { from: u.unitId, to: input.unitId },
      });
    }
  });
}

/**
 * A new password set by the administrator: every session of the user ends, and at their next
 * login they must choose their own before they can do anything else.
 */
export async function resetPassword(input: PasswordResetInput): Promise<void> {
  const actor = await requirePermission('user:manage');
  const target = await getDb().user.findUnique({
    where: { id: input.userId },
    select: { username: true, displayName: true },
  });
  if (!target) throw new NotFoundError();
  const weak = weakPasswordReason(input.password, [target.username, target.displayName]);
  if (weak) throw new FieldError('password', weak);
  const passwordHash = await hashPassword(input.password);
  await getDb().$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!u) throw new NotFoundError();
    await tx.user.update({
      where: { id: u.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, mustChangePassword: true },
    });
    await audit(tx, { actorId: actor.id, action: 'user.password_reset', entityType: 'User', entityId: u.id });
  });
}

/** The user can no longer sign in, and every open session ends at its next request. */
export async function deactivateUser(userId: number): Promise<void> {
  const actor = await requirePermission('user:manage');
  await getDb().$transaction(async (tx) => {
    const admins = await lockAdmins(tx, actor.id);
    const u = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!u) throw new NotFoundError();
    if (u.id === actor.id) throw new ConflictError('Bạn không thể tự khóa tài khoản của mình.');
    if (!u.active) throw new ConflictError('Tài khoản đã bị khóa trước đó.');
    if (u.role === 'ADMIN' && admins.length <= 1)
      throw new ConflictError('Đây là quản trị viên cuối cùng đang hoạt động: không thể khóa.');
    await tx.user.update({ where: { id: u.id }, data: { active: false, sessionVersion: { increment: 1 } } });
    await audit(tx, { actorId: actor.id, action: 'user.deactivated', entityType: 'User', entityId: u.id });
  });
}

export async function reactivateUser(userId: number): Promise<void> {
  const actor = await requirePermission('user:manage');
  await getDb().$transaction(async (tx) => {
    const u = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, active: true, unit: { select: { active: true } } },
    });
    if (!u) throw new NotFoundError();
    if (u.active) throw new ConflictError('Tài khoản đang hoạt động.');
    if (!u.unit.active)
      throw new ConflictError('Đơn vị của người dùng đã thôi hoạt động: chuyển người dùng sang đơn vị khác trước.');
    await tx.user.update({ where: { id: u.id }, data: { active: true } });
    await audit(tx, { actorId: actor.id, action: 'user.reactivated', entityType: 'User', entityId: u.id });
  });
}
