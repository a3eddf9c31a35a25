import { describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_MESSAGE, isCrossOrigin, refuseCrossOriginWrite } from './same-origin';

const post = (headers: Record<string, string>, method = 'POST') =>
  new Request('http://localhost:3000/assignments/1', { method, headers });

describe('same origin', () => {
  it.each([
    ['no Origin (old browser, hand-made request)', { host: 'localhost:3000' }, false],
    ['same origin', { host: 'localhost:3000', origin: 'http://localhost:3000' }, false],
    [
      'behind a proxy: the forwarded host counts',
      { host: '127.0.0.1:3000', 'x-forwarded-host': 'dondoc.gov.vn', origin: 'https://dondoc.gov.vn' },
      false,
    ],
    ['another site', { host: 'localhost:3000', origin: 'https://evil.example' }, true],
    ['another port', { host: 'localhost:3000', origin: 'http://localhost:3001' }, true],
    [
      'behind a proxy, the internal host named as Origin',
      { host: '127.0.0.1:3000', 'x-forwarded-host': 'dondoc.gov.vn', origin: 'http://127.0.0.1:3000' },
      true,
    ],
    ['Origin "null" (sandboxed frame)', { host: 'localhost:3000', origin: 'null' }, true],
    ['an unreadable Origin', { host: 'localhost:3000', origin: 'http://%' }, true],
    ['Sec-Fetch-Site cross-site without Origin', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }, true],
  ])('%s', (_name, headers, expected) => {
    expect(isCrossOrigin(new Headers(headers))).toBe(expected);
  });

  it('a cross-origin write (a server action POST) is a 403 with a Vietnamese message; reads pass', async () => {
    const refused = refuseCrossOriginWrite(
      post({ host: 'localhost:3000', origin: 'https://evil.example', 'next-action': 'abc' }),
    );
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toEqual({ error: CROSS_ORIGIN_MESSAGE });
    expect(refuseCrossOriginWrite(post({ host: 'localhost:3000', origin: 'https://evil.example' }, 'GET'))).toBeNull();
    expect(refuseCrossOriginWrite(post({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull();
  });
});
