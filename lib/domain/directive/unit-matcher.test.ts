import { describe, expect, it } from 'vitest';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { createUnitMatcher, levenshtein, matchUnit, unitWords } from './unit-matcher';

const matcher = createUnitMatcher(HA_TINH_UNITS);

function code(text: string): string | null {
  return matcher.match(text).unitCode;
}

describe('unit matcher: exact normalised matches (confidence 1)', () => {
  it.each([
    ['Phòng Nội vụ', 'NV'],
    ['phòng Nội vụ', 'NV'],
    ['PHÒNG NỘI VỤ', 'NV'],
    ['  Phòng   Nội   vụ  ', 'NV'],
    ['Nội vụ', 'NV'],
    ['Phòng Nội vụ thành phố', 'NV'],
    ['Phòng văn hóa - thông tin', 'VHTT'],
    ['Phòng Văn hoá và Thông tin', 'VHTT'],
    ['Phòng Tài chính - Kế hoạch', 'TCKH'],
    ['Phòng Tài chính – Kế hoạch', 'TCKH'],
    ['Phòng Tài chính—Kế hoạch', 'TCKH'],
    ['Phong Giao duc va Dao tao', 'GDDT'],
    ['Phòng GD&ĐT', 'GDDT'],
    ['Phòng TN&MT', 'TNMT'],
    ['Văn phòng HĐND-UBND TP', 'VP'],
    ['Ủy ban nhân dân thành phố', 'UBND'],
    ['Uỷ ban nhân dân thành phố Hà Tĩnh', 'UBND'],
    ['Thanh tra thành phố', 'TT'],
    ['UBND phường Trần Phú', 'P-TRANPHU'],
    ['xã Đồng Môn', 'X-DONGMON'],
  ])('%s → %s', (text, expected) => {
    const m = matcher.match(text);
    expect(m.unitCode).toBe(expected);
    expect(m.confidence).toBe(1);
  });

  it('decomposed (NFD) input matches like NFC', () => {
    expect(matcher.match('Phòng Lao động – Thương binh và Xã hội'.normalize('NFD'))).toEqual(
      matcher.match('Phòng Lao động – Thương binh và Xã hội'),
    );
  });
});

describe('unit matcher: near matches (confidence below 1)', () => {
  it('glued words keep the letters: 0.95', () => {
    expect(matcher.match('Phòng Tài chính-Kếhoạch')).toMatchObject({ unitCode: 'TCKH', confidence: 0.95 });
    expect(matcher.match('Phòng Lao động – Thương binh và Xãhội')).toMatchObject({
      unitCode: 'LDTBXH',
      confidence: 0.95,
    });
  });

  it('acronyms of the name: 0.85', () => {
    expect(matcher.match('Phòng TC-KH')).toMatchObject({ unitCode: 'TCKH', confidence: 0.85 });
    expect(matcher.match('Phòng TNMT')).toMatchObject({ unitCode: 'TNMT', confidence: 0.95 });
    expect(matcher.match('Phòng LĐTBXH').unitCode).toBe('LDTBXH');
  });

  it('a ward or commune named without "phường"/"xã": 0.9', () => {
    expect(matcher.match('Thạch Linh')).toMatchObject({ unitCode: 'P-THACHLINH', confidence: 0.9 });
  });

  it('typos and shortened names: fuzzy, below 0.9', () => {
    const typo = matcher.match('Phòng Quản lí đô thị');
    expect(typo.unitCode).toBe('QLDT');
    expect(typo.confidence).toBeGreaterThan(0.6);
    expect(typo.confidence).toBeLessThan(0.9);
    const short = matcher.match('Phòng Tài chính');
    expect(short.unitCode).toBe('TCKH');
    expect(short.confidence).toBeLessThan(0.85);
    expect(matcher.matchStrict('Phòng Tài chính').unitCode).toBeNull();
  });
});

describe('unit matcher: no match', () => {
  it.each([
    'Trung tâm văn hóa – truyền thông',
    'Đài Phát thanh và Truyền hình tỉnh',
    'Báo Hà Tĩnh',
    'Cổng thông tin điện tử tỉnh',
    'UBND tỉnh',
    'Thanh tra tỉnh',
    'Sở Nội vụ',
    'Công an thành phố',
    'Phòng Văn hoá - TT',
    '',
    '   ',
    '&&&',
  ])('%s → null', (text) => {
    expect(code(text)).toBeNull();
    expect(matcher.match(text).confidence).toBe(0);
  });

  it('works with an empty registry', () => {
    expect(matchUnit('Phòng Nội vụ', [])).toEqual({ unitCode: null, confidence: 0, unitName: null });
  });

  it('halves the confidence when two units are equally close', () => {
    const registry = [
      { code: 'A', name: 'Phòng Văn hóa và Thông tin', kind: 'DEPARTMENT' },
      { code: 'B', name: 'Phòng Văn hóa và Thể thao', kind: 'DEPARTMENT' },
    ];
    const m = matchUnit('Phòng Văn hóa', registry);
    expect(m.unitCode).not.toBeNull();
    expect(m.confidence).toBeLessThan(0.5);
  });
});

describe('unit matcher helpers', () => {
  it('canonical words drop diacritics, "và", punctuation and a trailing "thành phố"', () => {
    expect(unitWords('Phòng Tài nguyên và Môi trường thành phố Hà Tĩnh')).toEqual([
      'phong',
      'tai',
      'nguyen',
      'moi',
      'truong',
    ]);
    expect(unitWords('Ủy ban nhân dân TP')).toEqual(['ubnd']);
    expect(unitWords('Đồng Môn')).toEqual(['dong', 'mon']);
  });

  it('levenshtein', () => {
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('noivu', 'noivu')).toBe(0);
  });

  it('startsName rejects sentences that open with a verb', () => {
    expect(matcher.startsName('Phòng Nội vụ chủ trì')).toBe(true);
    expect(matcher.startsName('Nội vụ chủ trì')).toBe(true);
    expect(matcher.startsName('TC-KH chủ trì')).toBe(true);
    expect(matcher.startsName('Căn cứ vào điều kiện thực tiễn')).toBe(false);
    expect(matcher.startsName('Tăng cường công tác kiểm tra')).toBe(false);
  });
});
