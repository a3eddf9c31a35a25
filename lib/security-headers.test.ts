import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, transportHeaders } from './security-headers';
import { publicUrlIsHttps, sessionCookie } from './session-cookie';

const HTTPS = { NEXTAUTH_URL: 'https://dondoc.hatinh.gov.vn', NODE_ENV: 'production' };
const HTTP = { NEXTAUTH_URL: 'http://localhost:3000', NODE_ENV: 'production' };

describe('content security policy', () => {
  it('allows scripts only by nonce in production, never inline or eval', () => {
    const policy = contentSecurityPolicy('abc123', HTTP);
    const scripts = policy.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const d of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "default-src 'self'",
    ]) {
      expect(policy.split('; ')).toContain(d);
    }
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
  it('adds eval only in development, and upgrade-insecure-requests only on https', () => {
    expect(contentSecurityPolicy('n', { ...HTTP, NODE_ENV: 'development' })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('n', HTTPS)).toContain('upgrade-insecure-requests');
  });
  it('gives a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('https public URL', () => {
  it('sends HSTS only when the public URL is https', () => {
    expect(transportHeaders(HTTPS)).toEqual({ 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' });
    expect(transportHeaders(HTTP)).toEqual({});
    expect(transportHeaders({})).toEqual({});
  });
  it('makes the session cookie Secure and __Secure- prefixed only then', () => {
    expect(sessionCookie(HTTPS)).toMatchObject({
      secure: true,
      name: '__Secure-next-auth.session-token',
      options: { secure: true, httpOnly: true, sameSite: 'lax' },
    });
    expect(sessionCookie(HTTP)).toMatchObject({
      secure: false,
      name: 'next-auth.session-token',
      options: { secure: false, httpOnly: true },
    });
    expect(publicUrlIsHttps({ NEXTAUTH_URL: ' HTTPS://X.example' })).toBe(true);
    expect(publicUrlIsHttps({ NEXTAUTH_URL: 'http://https.example' })).toBe(false);
  });
});
