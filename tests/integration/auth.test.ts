import { describe, expect, it } from 'vitest';
import { getSessionUser, verifyCredentials } from '../../lib/data/users';
import { getDb } from '../../lib/db';
import { DEMO_PASSWORD } from '../../prisma/seed/demo-users';

describe('login and sessions', () => {
  it('stores argon2id hashes with OWASP parameters, never plain passwords', async () => {
    const users = await getDb().user.findMany({ select: { passwordHash: true } });
    expect(users.length).toBeGreaterThan(5);
    for (const u of users) expect(u.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('accepts the right password, case-insensitive username, and refuses everything else alike', async () => {
    expect(await verifyCredentials('cb.tranphu', DEMO_PASSWORD)).toMatchObject({ id: expect.any(Number) });
    expect(await verifyCredentials('  CB.TranPhu ', DEMO_PASSWORD)).not.toBeNull();
    expect(await verifyCredentials('cb.tranphu', 'wrong-password')).toBeNull();
    expect(await verifyCredentials('no.such.user', DEMO_PASSWORD)).toBeNull();
  });

  it('refuses a deactivated user at login and ends their running sessions at once', async () => {
    const user = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.namha' } });
    expect(await getSessionUser(user.id, user.sessionVersion)).toMatchObject({
      unitName: 'Phường Nam Hà',
      role: 'OFFICER',
    });
    await getDb().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await verifyCredentials('cb.namha', DEMO_PASSWORD)).toBeNull();
    expect(await getSessionUser(user.id, user.sessionVersion)).toBeNull();
  });

  it('ends every session of a user when their session version is bumped', async () => {
    const user = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.thachha' } });
    await getDb().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await getSessionUser(user.id, user.sessionVersion)).toBeNull();
    expect(await getSessionUser(user.id, user.sessionVersion + 1)).not.toBeNull();
  });
});
