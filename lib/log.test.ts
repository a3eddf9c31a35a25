import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestIdFrom } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger(stream) };
}

describe('logs', () => {
  it('are one JSON object a line, with the request id', () => {
    const { lines, logger } = capture();
    logger.info({ reqId: 'abc12345', path: '/reports' }, 'request');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, reqId: 'abc12345', path: '/reports', msg: 'request' });
  });

  it('never hold a password, token, cookie or file content, at any depth', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'DonDoc@2026',
        token: 'eyJhbGciOi',
        form: { newPassword: 'Mat-khau-moi-2026', body: 'nội dung tệp' },
        req: { headers: { authorization: 'Bearer s3cr3t', cookie: 'dondoc.session=abc' } },
        evidence: { bytes: 'JVBERi0xLjQ=' },
      },
      'login',
    );
    const line = lines.join('');
    for (const secret of [
      'DonDoc@2026',
      'eyJhbGciOi',
      'Mat-khau-moi-2026',
      'nội dung tệp',
      's3cr3t',
      'dondoc.session',
      'JVBERi0xLjQ=',
    ])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('keep a well-formed incoming request id and replace anything else', () => {
    expect(requestIdFrom('lb-0123456789abcdef')).toBe('lb-0123456789abcdef');
    expect(requestIdFrom('x\n{"level":60}')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
