import { describe, expect, it } from 'vitest';
import {
  digestEmail,
  digestSlot,
  maskAddress,
  MAX_ATTEMPTS,
  nextAttemptAfterFailure,
  notificationEmail,
  RETRY_DELAYS_MINUTES,
} from './email';

const at = new Date('2026-12-01T03:00:00Z');

describe('delivery back-off', () => {
  it('waits longer after each temporary failure, then gives up after the last attempt', () => {
    expect(nextAttemptAfterFailure(1, at, 451)).toEqual(new Date(at.getTime() + RETRY_DELAYS_MINUTES[0] * 60_000));
    expect(nextAttemptAfterFailure(2, at, undefined)).toEqual(
      new Date(at.getTime() + RETRY_DELAYS_MINUTES[1] * 60_000),
    );
    expect(nextAttemptAfterFailure(MAX_ATTEMPTS - 1, at, 421)).toEqual(
      new Date(at.getTime() + RETRY_DELAYS_MINUTES.at(-1)! * 60_000),
    );
    expect(nextAttemptAfterFailure(MAX_ATTEMPTS, at, 421)).toBeNull();
  });

  it('a permanent refusal (5xx) is not retried', () => {
    expect(nextAttemptAfterFailure(1, at, 550)).toBeNull();
    expect(nextAttemptAfterFailure(1, at, 499)).not.toBeNull();
  });
});

describe('the digest slot: the latest 07:00 in Việt Nam', () => {
  it('at and after 07:00 it is today’s, before it yesterday’s', () => {
    // 07:00 +07:00 is 00:00Z
    expect(digestSlot(new Date('2026-12-01T00:00:00Z'))).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(digestSlot(new Date('2026-12-01T16:59:59Z'))).toEqual(new Date('2026-12-01T00:00:00Z'));
    // 06:59 on 2 December in Việt Nam (23:59Z on 1 December)
    expect(digestSlot(new Date('2026-12-01T23:59:00Z'))).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(digestSlot(new Date('2026-11-30T23:59:59Z'))).toEqual(new Date('2026-11-30T00:00:00Z'));
  });
});

describe('messages', () => {
  it('a notification: Vietnamese subject on one line, absolute link, HTML escaped', () => {
    const m = notificationEmail(
      { displayName: 'Nguyễn <Văn> A' },
      { id: 42, title: 'Báo cáo\nbị trả lại', body: 'Lý do: <b>thiếu</b> & chưa đủ' },
      'https://dondoc.example.vn',
    );
    expect(m.subject).toBe('[Đôn đốc] Báo cáo bị trả lại');
    expect(m.text).toContain('Kính gửi Nguyễn <Văn> A,');
    expect(m.text).toContain('https://dondoc.example.vn/notifications/42');
    expect(m.text).toContain('https://dondoc.example.vn/account/email');
    expect(m.html).toContain('Nguyễn &#60;Văn&#62; A');
    expect(m.html).toContain('Lý do: &#60;b&#62;thiếu&#60;/b&#62; &#38; chưa đủ');
    expect(m.html).not.toContain('<b>');
  });

  it('a long title is cut in the subject, kept in the body', () => {
    const title = 'Nhiệm vụ '.repeat(40);
    const m = notificationEmail({ displayName: 'A' }, { id: 1, title, body: null }, 'http://localhost:3000');
    expect(m.subject.length).toBeLessThanOrEqual('[Đôn đốc] '.length + 180);
    expect(m.subject.endsWith('…')).toBe(true);
    expect(m.text).toContain(title);
  });

  it('the digest counts and lists every item with its link and time', () => {
    const items = [
      { id: 3, title: 'Một', body: 'Nội dung một', createdAt: new Date('2026-12-01T01:30:00Z') },
      { id: 2, title: 'Hai', body: null, createdAt: new Date('2026-11-30T10:00:00Z') },
    ];
    const m = digestEmail({ displayName: 'B' }, items, new Date('2026-12-01T00:00:00Z'), 'https://x.vn');
    expect(m.subject).toBe('[Đôn đốc] Tổng hợp ngày 01/12/2026: 2 thông báo chưa đọc');
    expect(m.text).toMatch(/1\. Một \(.*01\/12\/2026.*\)/);
    expect(m.text).toContain('https://x.vn/notifications/3');
    expect(m.text).toContain('https://x.vn/notifications/2');
    expect(m.html.match(/<li/g)).toHaveLength(2);
  });
});

describe('masked addresses (the administrator’s outbox view)', () => {
  it('keeps the first and last letter and the domain, hides the rest', () => {
    expect(maskAddress('nguyenvana@hatinh.gov.vn')).toBe('n••••••••a@hatinh.gov.vn');
    expect(maskAddress('thu.le.thi.hong.nhung@hatinh.gov.vn')).toBe('t••••••••g@hatinh.gov.vn');
    expect(maskAddress('ab@x.vn')).toBe('a•••@x.vn');
    expect(maskAddress('a@x.vn')).toBe('a•••@x.vn');
    expect(maskAddress('không-có-a-còng')).toBe('•••');
    expect(maskAddress('@x.vn')).toBe('•••');
  });
});
