import net from 'node:net';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { expect, test, watchCsp } from './fixtures';
import { e2eDatabaseUrl, login, PASSWORD } from './helpers';
import { startProductionServer, type ProductionServer } from './production-server';

/** Issue 10, items 1–3: open redirects, credentials in URLs, security headers. */

const HOSTILE_CALLBACKS = [
  '/%09/evil.example/',
  '/%0A/evil.example/',
  '/%09%5C/evil.example/',
  '/%0D%0A/evil.example/',
  '//evil.example/',
  '/%5Cevil.example/',
  'https://evil.example/',
];

function sameOriginPath(location: string | undefined, baseURL: string): string {
  expect(location, 'a Location header').toBeTruthy();
  expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  const url = new URL(location!, baseURL);
  expect(url.origin).toBe(new URL(baseURL).origin);
  expect(url.pathname.startsWith('//')).toBe(false);
  return url.pathname;
}

test.describe('open redirect after login (item 1)', () => {
  for (const callback of ['/%09/evil.example/', '/%0A/evil.example/', '/%09%5C/evil.example/', '/\t/evil.example/']) {
    test(`logging in with callbackUrl=${JSON.stringify(callback)} stays on the app`, async ({ page, baseURL }) => {
      await page.goto(`/login?callbackUrl=${callback}`);
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByTestId('headline')).toBeVisible(); // the administrator's home page
      const landed = new URL(page.url());
      expect(landed.origin).toBe(new URL(baseURL!).origin);
      expect(landed.hostname).toBe('localhost');
      expect(landed.pathname).not.toContain('evil');
    });
  }

  test('when already signed in, the server redirect has a same-origin Location', async ({ page, baseURL }) => {
    await login(page, 'admin');
    for (const callback of HOSTILE_CALLBACKS) {
      const response = await page.request.get(`/login?callbackUrl=${encodeURIComponent(callback)}`, {
        maxRedirects: 0,
      });
      expect([303, 307, 308], callback).toContain(response.status());
      expect(sameOriginPath(response.headers().location, baseURL!), callback).toBe('/');
    }
    // the same, sent with the raw (not re-encoded) hostile strings
    for (const callback of ['/%09/evil.example/', '/%0A/evil.example/', '/%09%5C/evil.example/']) {
      const response = await page.request.get(`/login?callbackUrl=${callback}`, { maxRedirects: 0 });
      expect(sameOriginPath(response.headers().location, baseURL!), callback).toBe('/');
    }
    // a safe target is kept
    const kept = await page.request.get(`/login?callbackUrl=${encodeURIComponent('/dashboard?x=1')}`, {
      maxRedirects: 0,
    });
    expect(sameOriginPath(kept.headers().location, baseURL!)).toBe('/dashboard');
    expect(kept.headers().location).toContain('/dashboard?x=1');
  });

  test('next-auth’s own redirects stay on the app (sign-out with a hostile callbackUrl)', async ({ page, baseURL }) => {
    await login(page, 'cb.namha');
    const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await page.request.post('/api/auth/signout', {
      form: { csrfToken: csrf.csrfToken, callbackUrl: '/%09/evil.example/', json: 'true' },
    });
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(url).pathname).toBe('/');
  });
});

test.describe('login without JavaScript (item 2)', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, logs in and follows a safe callbackUrl; a wrong password gets the Vietnamese message', async ({
    page,
  }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto('/login?callbackUrl=%2Freviews');
    await expect(page.locator('form')).toHaveAttribute('method', /^post$/i);
    await page.getByLabel('Tên đăng nhập').fill('tp.noivu');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-khong-js');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('#login-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('tp.noivu');
    await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(/\/reviews$/);
    await expect(page.getByRole('heading', { level: 1, name: /Báo cáo chờ duyệt/ })).toBeVisible();
    for (const url of urls) {
      expect(url).not.toContain('sai-mat-khau-khong-js');
      expect(url).not.toContain(encodeURIComponent(PASSWORD));
      expect(url).not.toContain('password=');
    }
    expect(urls.length).toBeGreaterThan(2);
  });

  test('an empty form is refused with a Vietnamese message, not an error page', async ({ page }) => {
    await page.goto('/login');
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect((await response).status()).toBe(200);
    await expect(page.locator('#login-error')).toHaveText('Vui lòng nhập tên đăng nhập và mật khẩu.');
  });
});

test('with JavaScript, no request URL ever carries the password', async ({ page }) => {
  const seen: { url: string; method: string }[] = [];
  page.on('request', (r) => seen.push({ url: r.url(), method: r.method() }));
  const secret = 'Mat-khau-sai-9f3k';
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('cb.tranphu');
  await page.getByLabel('Mật khẩu').fill(secret);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#login-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  const logins = seen.filter((r) => new URL(r.url).pathname === '/login' && r.method === 'POST');
  expect(logins.length).toBe(2);
  for (const { url } of seen) {
    expect(url).not.toContain(secret);
    expect(url).not.toContain(encodeURIComponent(PASSWORD));
    // no field named password in a query string (the path of the nav's /account/password page,
    // which Next prefetches, is not a leak)
    expect(new URL(url).search).not.toMatch(/password/i);
  }
});

test.describe('security headers of the production build (item 3)', () => {
  function directives(policy: string): Map<string, string[]> {
    return new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );
  }

  test('pages get a nonce-based policy, a fresh nonce each time, on every script', async ({ page, request }) => {
    const nonces = new Set<string>();
    const get = async (path: string) => {
      if (path !== '/login' && nonces.size === 2) await login(page, 'chutich');
      return (path === '/login' ? request : page.request).get(path, { maxRedirects: 0 });
    };
    for (const path of ['/login', '/login', '/dashboard', '/no-such-page']) {
      const response = await get(path);
      expect(response.status(), path).toBe(path === '/no-such-page' ? 404 : 200);
      const policy = response.headers()['content-security-policy'];
      expect(policy, path).toBeTruthy();
      const csp = directives(policy!);
      const scripts = csp.get('script-src')!;
      expect(scripts).toContain("'strict-dynamic'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      const nonce = scripts.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
      expect(nonce.length).toBeGreaterThanOrEqual(16);
      nonces.add(nonce);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests')).toBe(false); // served over http here
      // every <script> the server wrote carries this request's nonce
      const html = await response.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, path).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  test('static headers on pages and API routes; no HSTS over plain http', async ({ request }) => {
    for (const path of ['/login', '/api/auth/session', '/api/evidence']) {
      const headers = (await request.get(path, { maxRedirects: 0 })).headers();
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['permissions-policy'], path).toContain('geolocation=()');
      expect(headers['strict-transport-security'], path).toBeUndefined();
      expect(headers['x-powered-by'], path).toBeUndefined();
    }
    const api = (await request.get('/api/auth/session')).headers()['content-security-policy'];
    expect(api).toContain("default-src 'none'");
    expect(api).toContain("frame-ancestors 'none'");
  });

  test('the session cookie is HttpOnly and SameSite=Lax (not Secure over plain http)', async ({ page, context }) => {
    await login(page, 'cb.namha');
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
    expect(cookie).toBeDefined();
    expect(cookie!.name).toBe('next-auth.session-token');
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.secure).toBe(false);
  });

  test('markup injected into a page cannot run a script, and the guard sees the attempt', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    // As if stored markup had slipped through: the server's HTML, with the server's policy header.
    await page.route('**/login', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('</head>', '<script>window.__injected = true;</script></head>');
      await route.fulfill({ response, body: html });
    });
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('script-src');
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  });
});

/**
 * Behind a TLS-terminating proxy the app itself speaks http, but its public URL is https: a second
 * `next start` of the same build with NEXTAUTH_URL=https://… must send HSTS and set a Secure,
 * __Secure- session cookie. The login form is posted as a browser without JavaScript would.
 */
test.describe('served with an https public URL', () => {
  let server: ProductionServer | undefined;
  let api: APIRequestContext;
  let origin = '';

  async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  }

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    origin = `http://localhost:${port}`;
    const databaseUrl = e2eDatabaseUrl();
    server = await startProductionServer({
      port,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
        NEXTAUTH_URL: 'https://dondoc.example',
      },
      readyPath: '/login',
      timeoutMs: 90_000,
    });
    api = await playwrightRequest.newContext({ baseURL: origin });
  });

  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
  });

  test('HSTS, upgrade-insecure-requests, and a Secure __Secure- session cookie from the no-JavaScript form', async () => {
    const page = await api.get('/login?callbackUrl=%2Fassignments');
    expect(page.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(page.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
    const form = hiddenInputs(await page.text());
    expect(Object.keys(form).some((k) => k.startsWith('$ACTION'))).toBe(true);
    const response: APIResponse = await api.post('/login?callbackUrl=%2Fassignments', {
      multipart: { ...form, username: 'cb.namha', password: PASSWORD },
      headers: { origin },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe('/assignments');
    const setCookie = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value);
    const session = setCookie.find((c) => c.startsWith('__Secure-next-auth.session-token='));
    expect(session, setCookie.join('\n')).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=lax/i);
  });
});

/** The hidden inputs of the login form, as a browser without JavaScript would send them. */
function hiddenInputs(html: string): Record<string, string> {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const tag of html.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  return fields;
}

test('a server-action POST from another origin is refused with a Vietnamese 403, not a 500', async ({
  request,
  baseURL,
}) => {
  const forged = await request.post('/login', {
    headers: {
      origin: 'http://evil.example',
      'next-action': '0'.repeat(42),
      'content-type': 'text/plain;charset=UTF-8',
    },
    data: '[]',
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('bị từ chối');
  // The same request from our own origin reaches Next (an unknown action id is not a 403 from us).
  const own = await request.post('/login', {
    headers: {
      origin: new URL(baseURL!).origin,
      'next-action': '0'.repeat(42),
      'content-type': 'text/plain;charset=UTF-8',
    },
    data: '[]',
    maxRedirects: 0,
  });
  expect(own.status()).not.toBe(403);
});
