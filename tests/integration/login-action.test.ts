import { decode, encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed/demo-users';

// The action's only contact with the request: the cookie jar, and redirect() (which throws).
const jar = new Map<string, { value: string; options: Record<string, unknown> }>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    set: (name: string, value: string, options: Record<string, unknown>) => jar.set(name, { value, options }),
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
  }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to });
  },
}));

process.env.AUTH_SECRET = 'login-action-test-secret-0123456789abcdef';
const { loginAction } = await import('../../lib/actions/login');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { getCurrentUser } = await import('../../lib/auth');

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { to?: string } | null;
  expect(error?.to, 'a redirect').toBeDefined();
  return error!.to!;
}

beforeEach(() => jar.clear());

describe('loginAction (the login form, with or without JavaScript)', () => {
  it('signs in with the same session cookie next-auth reads, and redirects only to a safe path', async () => {
    const to = await redirectOf(
      loginAction(
        INITIAL_STATE,
        form({ username: 'cb.tranphu', password: DEMO_PASSWORD, callbackUrl: '/%09/evil.example/' }),
      ),
    );
    expect(to).toBe('/');
    const cookie = jar.get('next-auth.session-token')!;
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    const token = await decode({ token: cookie.value, secret: process.env.AUTH_SECRET! });
    expect(token).toMatchObject({ uid: expect.any(Number), sv: expect.any(Number), sub: String(token!.uid) });
    expect(
      await redirectOf(
        loginAction(
          INITIAL_STATE,
          form({ username: 'cb.tranphu', password: DEMO_PASSWORD, callbackUrl: '/reviews?x=1' }),
        ),
      ),
    ).toBe('/reviews?x=1');
  });

  it.each([
    ['a wrong password', { username: 'cb.tranphu', password: 'sai' }, 'Tên đăng nhập hoặc mật khẩu không đúng.'],
    [
      'an unknown user',
      { username: 'khong.ton.tai', password: DEMO_PASSWORD },
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    ],
    [
      'a NUL byte in the username',
      { username: 'cb.tran\u0000phu', password: DEMO_PASSWORD },
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    ],
    [
      'a 1 MB password',
      { username: 'cb.tranphu', password: 'x'.repeat(1 << 20) },
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    ],
    ['a 1 MB username', { username: 'x'.repeat(1 << 20), password: 'x' }, 'Tên đăng nhập hoặc mật khẩu không đúng.'],
    ['empty fields', { username: '  ', password: '' }, 'Vui lòng nhập tên đăng nhập và mật khẩu.'],
    ['no fields at all', {}, 'Vui lòng nhập tên đăng nhập và mật khẩu.'],
    [
      'a file instead of a password',
      { username: 'cb.tranphu', password: new Blob(['x']) },
      'Vui lòng nhập tên đăng nhập và mật khẩu.',
    ],
  ])(
    '%s: a Vietnamese refusal, no cookie, the username echoed and the password not',
    async (_label, fields, message) => {
      const state = await loginAction(INITIAL_STATE, form(fields as Record<string, string | Blob>));
      expect(state).toMatchObject({ ok: false, message });
      expect(jar.size).toBe(0);
      expect(JSON.stringify(state)).not.toContain(DEMO_PASSWORD);
      expect(Object.keys(state.fields ?? {})).not.toContain('password');
    },
  );
});

describe('getCurrentUser (every page and data call: the session cookie, decoded without next-auth’s handler)', () => {
  it('reads the cookie the login set; a tampered, foreign, expired or ended session reads as nobody', async () => {
    await redirectOf(loginAction(INITIAL_STATE, form({ username: 'cb.tranphu', password: DEMO_PASSWORD })));
    const user = await getCurrentUser();
    expect(user).toMatchObject({
      username: 'cb.tranphu',
      role: 'OFFICER',
      unitKind: 'WARD',
      mustChangePassword: false,
    });
    expect(user!.unitName).toBeTruthy();

    const good = jar.get('next-auth.session-token')!;
    const claims = (await decode({ token: good.value, secret: process.env.AUTH_SECRET! }))!;
    const put = (value: string) => jar.set('next-auth.session-token', { value, options: good.options });
    put(`${good.value.slice(0, -2)}xx`);
    expect(await getCurrentUser()).toBeNull();
    put(await encode({ token: claims, secret: 'another-secret-another-secret-0123456789' }));
    expect(await getCurrentUser()).toBeNull();
    put(await encode({ token: claims, secret: process.env.AUTH_SECRET!, maxAge: -60 }));
    expect(await getCurrentUser()).toBeNull();
    put(await encode({ token: { ...claims, sv: Number(claims.sv) + 1 }, secret: process.env.AUTH_SECRET! }));
    expect(await getCurrentUser()).toBeNull();
    jar.clear();
    expect(await getCurrentUser()).toBeNull();
    put(good.value);
    expect(await getCurrentUser()).toMatchObject({ username: 'cb.tranphu' });
  });
});
