import 'server-only';
import { getDb } from '../db';
import { AppError, FieldError } from '../errors';
import { hashPassword, verifyPassword } from '../password';
import { weakPasswordReason } from '../password-policy';
import type { EmailPreference } from '../domain/email';
import type { EmailSettingsInput, PasswordChangeInput } from '../validation/account';
import { audit, requestClientInfo } from './audit';
import { emailConfigured } from './email-outbox';
import { requirePermission, requireSignedIn } from './guard';
import { loginRetryAfter, recordLoginFailure } from './login-throttle';

/**
 * A signed-in user changes their own password (also the way out of "must change password" after an
 * administrator's reset). The current password is required, and guesses at it are throttled like
 * logins. The session version is bumped, which ends every other session; the caller re-issues
 * this browser's cookie with the returned version (lib/auth.ts renewSessionCookie).
 */
export async function changeOwnPassword(
  input: PasswordChangeInput,
): Promise<{ sessionVersion: number; wasForced: boolean }> {
  const me = await requireSignedIn();
  const client = await requestClientInfo();
  const retryAfter = await loginRetryAfter(me.username, client.ip);
  if (retryAfter > 0) throw new AppError(`Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau ${retryAfter} giây.`);
  const row = await getDb().user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await recordLoginFailure(me.username, client.ip);
    throw new FieldError('currentPassword', 'Mật khẩu hiện tại không đúng.');
  }
  const weak = weakPasswordReason(input.newPassword, [me.username, me.displayName]);
  if (weak) throw new FieldError('newPassword', weak);
  const passwordHash = await hashPassword(input.newPassword);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: me.id },
      data: {
        passwordHash,
        sessionVersion: { increment: 1 },
        mustChangePassword: false,
        passwordChangedAt: new Date(),
      },
      select: { sessionVersion: true },
    });
    await audit(tx, {
      actorId: me.id,
      action: 'user.password_changed',
      entityType: 'User',
      entityId: me.id,
      data: { forced: me.mustChangePassword },
      client,
    });
    return { sessionVersion: updated.sessionVersion, wasForced: me.mustChangePassword };
  });
}

/** My e-mail address and preference, and whether the app can send e-mail at all (SMTP_URL). */
export async function getEmailSettings(): Promise<{
  email: string | null;
  emailPreference: EmailPreference;
  configured: boolean;
}> {
  const me = await requirePermission('work:read-own');
  const row = await getDb().user.findUniqueOrThrow({
    where: { id: me.id },
    select: { email: true, emailPreference: true },
  });
  return { ...row, configured: emailConfigured() };
}

/** I set my own address and how notifications reach it (decision 019). */
export async function updateEmailSettings(input: EmailSettingsInput): Promise<void> {
  const me = await requirePermission('work:read-own');
  const client = await requestClientInfo();
  await getDb().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: me.id },
      select: { email: true, emailPreference: true },
    });
    await tx.user.update({
      where: { id: me.id },
      data: { email: input.email, emailPreference: input.emailPreference },
    });
    await audit(tx, {
      actorId: me.id,
      action: 'user.email_settings_changed',
      entityType: 'User',
      entityId: me.id,
      // Whether the address changed, not the address: the audit trail is read by administrators.
      data: {
        emailChanged: before.email !== input.email,
        hasEmail: input.email !== null,
        preference: input.emailPreference,
        previousPreference: before.emailPreference,
      },
      client,
    });
  });
}
