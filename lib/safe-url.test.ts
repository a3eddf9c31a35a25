import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-url';

describe('safeCallbackUrl: only same-site paths after login', () => {
  it.each([
    ['/assignments/5', '/assignments/5'],
    ['/reviews?x=1', '/reviews?x=1'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/phish', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/login?callbackUrl=/x', '/'],
    ['/api/auth/signout', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
