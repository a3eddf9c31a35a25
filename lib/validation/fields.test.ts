import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cleanText,
  findNul,
  id,
  integer,
  optionalText,
  parseIdText,
  periodKey,
  progress,
  requiredText,
  searchTerm,
  toIsoDate,
  vnDate,
} from './fields';

const ZW = '\u200B\u200C\u200D\u2060\uFEFF';
const messageOf = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues[0]?.message;

describe('cleanText', () => {
  it.each([
    ['NUL and other controls are removed', 'Báo\u0000 cáo\u0007\u001b[31m', 'Báo cáo[31m'],
    ['C1 controls and DEL are removed (NEL is a line break)', 'a\u0085b\u007f\u009bc', 'a bc'],
    ['bidi overrides are removed', 'tep\u202Efdp.exe', 'tepfdp.exe'],
    ['NFD becomes NFC', 'Nguye\u0302\u0303n', 'Nguyễn'],
    ['one-line text: runs of white space are one space', '  Phòng \t Nội\nvụ  ', 'Phòng Nội vụ'],
    ['zero-width only is empty', ZW, ''],
    ['spaces, tabs, NBSP and zero-width only is empty', ` \t\u00A0${ZW}\n `, ''],
    ['zero-width at the edges is trimmed', `${ZW}Hà Tĩnh${ZW}`, 'Hà Tĩnh'],
    ['a lone surrogate is replaced', 'a\uD800b', 'a\uFFFDb'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('multi-line text keeps line breaks and tabs, CRLF and form feeds are \\n', () => {
    expect(cleanText('Dòng 1\r\nDòng 2\rDòng 3\fDòng\t4\u0000', { multiline: true })).toBe(
      'Dòng 1\nDòng 2\nDòng 3\nDòng\t4',
    );
  });
});

describe('text schemas', () => {
  const title = requiredText('Tên mục', 10);
  it('refuses blank, zero-width-only and NUL-only text as missing', () => {
    for (const v of ['', '   ', ZW, '\u0000\u0000', undefined])
      expect(messageOf(title.safeParse(v))).toBe('Nhập tên mục.');
  });
  it('counts the length after cleaning and says how long it is', () => {
    expect(title.parse(`  ${'a'.repeat(10)}\u0000 `)).toBe('a'.repeat(10));
    expect(messageOf(title.safeParse('a'.repeat(11)))).toBe('Tên mục tối đa 10 ký tự (đang có 11).');
  });
  it('optional text is null when blank', () => {
    expect(optionalText('Ghi chú', 5).parse(ZW)).toBeNull();
    expect(optionalText('Ghi chú', 5).parse(undefined)).toBeNull();
  });
});

describe('numbers and ids', () => {
  it.each(['1', '2147483647', '42'])('id %s is read', (v) => expect(id().parse(v)).toBe(Number(v)));
  it.each(['0', '-1', '2147483648', '99999999999', '0x10', '1e3', '1.0', ' 1', '', '01', '１'])(
    'id %j is refused in Vietnamese',
    (v) => {
      expect(messageOf(id('Nhiệm vụ').safeParse(v))).toBe('Nhiệm vụ không hợp lệ.');
      expect(parseIdText(v)).toBeNull();
    },
  );
  it.each([
    ['', 'Nhập tiến độ.'],
    ['0x32', 'Tiến độ phải là số nguyên từ 0 đến 100.'],
    ['5e1', 'Tiến độ phải là số nguyên từ 0 đến 100.'],
    ['50.5', 'Tiến độ phải là số nguyên từ 0 đến 100.'],
    ['-1', 'Tiến độ phải là số nguyên từ 0 đến 100.'],
    ['101', 'Tiến độ không được vượt quá 100%.'],
    ['99999999999', 'Tiến độ không được vượt quá 100%.'],
    ['Infinity', 'Tiến độ phải là số nguyên từ 0 đến 100.'],
  ])('progress %j is refused', (v, message) => expect(messageOf(progress.safeParse(v))).toBe(message));
  it('progress reads plain digits, spaces around forgiven', () => {
    expect(progress.parse(' 50 ')).toBe(50);
    expect(progress.parse('0')).toBe(0);
    expect(integer('Số', { min: 0, max: 3 }).safeParse('4').success).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['31/12/2026', '2026-12-31'],
    ['2026-12-31', '2026-12-31'],
    ['1/1/2000', '2000-01-01'],
    ['31/12/2100', '2100-12-31'],
    ['', null],
  ])('%j is %j', (v, iso) => expect(toIsoDate(v)).toBe(iso));
  it.each(['31/12/9999', '01/01/1999', '9999-12-31', '30/02/2026', '2026-13-01', 'mai', '31/12/2026\u0000x'])(
    '%j is refused',
    (v) => {
      expect(toIsoDate(v)).toBeUndefined();
      expect(messageOf(vnDate('Thời hạn').safeParse(v))).toBe(
        'Thời hạn: ngày không hợp lệ, nhập theo dạng dd/mm/yyyy, từ 01/01/2000 đến 31/12/2100.',
      );
    },
  );
  it('a required date says what to type', () => {
    expect(messageOf(vnDate('Ngày có hiệu lực', { required: true }).safeParse(''))).toBe(
      'Nhập ngày có hiệu lực (dd/mm/yyyy).',
    );
  });
});

describe('the rest', () => {
  it('period keys are the known shapes only', () => {
    for (const k of ['ONCE', 'CONTINUOUS', '2026', '2026-11', '2026-Q3', '2026-H1'])
      expect(periodKey.safeParse(k).success).toBe(true);
    for (const k of ['', '2026-13', '2026-Q5', 'ONCE\u0000', '../x'])
      expect(periodKey.safeParse(k).success).toBe(false);
  });
  it('a search term is cleaned and cut, never refused', () => {
    expect(searchTerm('  Lê\u0000 Văn ')).toBe('Lê Văn');
    expect(searchTerm(['a', 'b'])).toBe('');
    expect(searchTerm('x'.repeat(500))).toHaveLength(100);
  });
  it('findNul looks at any depth, not inside bytes', () => {
    expect(findNul({ data: { a: [1, { b: 'x\u0000' }] } })).toBe('x\u0000');
    expect(findNul({ bytes: Buffer.from([0, 0]), when: new Date(), ok: 'fine' })).toBeNull();
  });
  it('a message nobody wrote is Vietnamese too', () => {
    expect(messageOf(z.object({ a: z.number() }).safeParse({ a: 'x' }))).toBe('Giá trị không đúng dạng.');
  });
});
