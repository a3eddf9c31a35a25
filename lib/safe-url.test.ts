import { describe, expect, it } from 'vitest';
import { appOrigin, safeCallbackUrl, safeRedirectPath } from './safe-url';

const ORIGIN = 'http://localhost:3141';

describe('safeCallbackUrl: same-origin paths are kept', () => {
  it.each([
    ['/assignments/5', '/assignments/5'],
    ['/reviews?x=1', '/reviews?x=1'],
    ['/reviews?x=1#top', '/reviews?x=1#top'],
    [
      '/dashboard?q=Ph%C6%B0%E1%BB%9Dng%20Tr%E1%BA%A7n%20Ph%C3%BA',
      '/dashboard?q=Ph%C6%B0%E1%BB%9Dng%20Tr%E1%BA%A7n%20Ph%C3%BA',
    ],
    ['/a/../reviews', '/reviews'],
    ['/loginx', '/loginx'],
    [`${ORIGIN}/reviews`, '/reviews'],
  ])('%s → %s', (input, expected) => {
    expect(safeCallbackUrl(input, ORIGIN)).toBe(expected);
  });
});

describe('safeCallbackUrl: everything that could leave the site is refused (→ /)', () => {
  it.each([
    // the reproduced open redirects of issue 10
    ['/%09/evil.example/'],
    ['/%0A/evil.example/'],
    ['/%0D/evil.example/'],
    ['/%09%5C/evil.example/'],
    ['/%5C%09/evil.example/'],
    ['/\t/evil.example/'],
    ['/\n/evil.example/'],
    ['/\r/evil.example/'],
    ['/\t\\evil.example/'],
    // double-encoded: %25 09 decodes to %09, then to a tab
    ['/%2509/evil.example/'],
    ['/%25250A/evil.example/'],
    // protocol-relative and backslash variants
    ['//evil.example'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/%5Cevil.example'],
    ['/%5cevil.example'],
    ['/%2F/evil.example'],
    ['/.//evil.example'],
    ['/./%2F/evil.example'],
    // other schemes and absolute URLs elsewhere
    ['https://evil.example/phish'],
    ['http://evil.example'],
    ['HTTPS://evil.example'],
    ['http://localhost:3141@evil.example/'],
    ['http://localhost:3141.evil.example/'],
    ['http://localhost:9999/reviews'],
    ['https://localhost:3141/reviews'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['/javascript:alert(1)%0A'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    // not paths from the root
    ['evil.example'],
    ['?callbackUrl=//evil.example'],
    ['#x'],
    ['./reviews'],
    // literal whitespace and other control characters anywhere
    [' //evil.example'],
    ['/reviews '],
    ['/re views'],
    ['/\u0000/evil.example'],
    ['/%00/evil.example'],
    ['/\u000b/evil.example'],
    ['/%7F/evil.example'],
    ['/%C2%85/evil.example'],
    ['/\u2028/evil.example'],
    ['/%E2%80%A8/evil.example'],
    ['/reviews?next=%0A'],
    // malformed escapes, empty, too long, not a string
    ['/%E0%A4%A'],
    ['/%'],
    [''],
    [`/${'a'.repeat(2001)}`],
    // pages that are no destination after login
    ['/login'],
    ['/login?callbackUrl=/x'],
    ['/api/auth/signout'],
    ['/api'],
  ])('%j', (input) => {
    expect(safeCallbackUrl(input, ORIGIN)).toBe('/');
  });

  it.each([[undefined], [null], [42], [['/reviews']]])('non-string %j', (input) => {
    expect(safeCallbackUrl(input, ORIGIN)).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(safeCallbackUrl('//evil.example', ORIGIN, '/notifications')).toBe('/notifications');
  });

  it('without a known origin, absolute URLs are refused and paths kept', () => {
    expect(safeCallbackUrl('/reviews')).toBe('/reviews');
    expect(safeCallbackUrl('http://localhost:3141/reviews')).toBe('/');
    expect(safeCallbackUrl('/%09/evil.example/')).toBe('/');
  });
});

describe('appOrigin', () => {
  it('is the origin of NEXTAUTH_URL', () => {
    expect(appOrigin({ NEXTAUTH_URL: 'https://dondoc.hatinh.gov.vn/some/path' })).toBe('https://dondoc.hatinh.gov.vn');
  });
  it('falls back to an origin nobody can name', () => {
    expect(appOrigin({})).toBe('http://app.invalid');
    expect(appOrigin({ NEXTAUTH_URL: 'not a url' })).toBe('http://app.invalid');
  });
});

describe('safeRedirectPath: any safe same-origin path, the login page included', () => {
  it('keeps /login and absolute same-origin URLs, refuses the open-redirect variants', () => {
    expect(safeRedirectPath('/login', ORIGIN)).toBe('/login');
    expect(safeRedirectPath(`${ORIGIN}/login?x=1`, ORIGIN)).toBe('/login?x=1');
    expect(safeRedirectPath('/%09/evil.example/', ORIGIN)).toBe('/');
    expect(safeRedirectPath('https://evil.example/', ORIGIN)).toBe('/');
  });
});
