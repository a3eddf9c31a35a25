import { describe, expect, it } from 'vitest';
import { classifyGroup, splitUnitList } from './addressees';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { decodeEntities, foldSameLength, foldWords, looksLikeHtml, normalizeDirectiveText } from './normalize';
import { firstSentence, fitTitle } from './text-utils';
import { createUnitMatcher } from './unit-matcher';

describe('normalizeDirectiveText', () => {
  it('turns NFD into NFC, CRLF into LF, odd spaces into spaces and drops invisible characters', () => {
    const raw = 'Ph\u00f2ng'.normalize('NFD') + '\u00a0N\u1ed9i\u200b v\u1ee5  \r\n2.\u2003X\r';
    expect(normalizeDirectiveText(raw)).toBe('Phòng Nội vụ\n2. X\n');
  });

  it('keeps tabs inside a line (table cells) and blanks lines that only hold whitespace', () => {
    expect(normalizeDirectiveText('1\tA\tB\n \t \nx')).toBe('1\tA\tB\n\nx');
  });

  it('converts pasted HTML like a browser renders it', () => {
    const html =
      '<p>Dòng <b>một</b>\nvẫn dòng một</p><ol type="a"><li>A</li><li>B</li></ol><ol start="3"><li>C</li></ol><table><tr><td>1</td><td>X</td></tr></table><script>alert("<p>")</script>';
    expect(looksLikeHtml(html)).toBe(true);
    const text = normalizeDirectiveText(html);
    expect(text.split('\n').filter((l) => l !== '')).toEqual([
      'Dòng một vẫn dòng một',
      'a) A',
      'b) B',
      '3. C',
      '1 | X',
    ]);
  });

  it('leaves a stray "<" in prose alone', () => {
    expect(looksLikeHtml('tỷ lệ < 5% và > 2%')).toBe(false);
    expect(normalizeDirectiveText('tỷ lệ < 5% và > 2%')).toBe('tỷ lệ < 5% và > 2%');
  });

  it('decodes named and numeric entities, leaving unknown ones', () => {
    expect(decodeEntities('Ph&ograve;ng &amp; &#7897; &#x1EE5; &bogus; TN&MT')).toBe('Phòng & ộ ụ &bogus; TN&MT');
  });
});

describe('folding', () => {
  it('keeps the length, strips diacritics, maps đ to d and dashes to "-"', () => {
    const s = 'Phòng Tài chính – Kế hoạch ĐỒNG';
    const f = foldSameLength(s);
    expect(f).toBe('phong tai chinh - ke hoach dong');
    expect(f.length).toBe(s.length);
  });

  it('foldWords keeps only words', () => {
    expect(foldWords('Phòng LĐ-TB&XH')).toBe('phong ld tb xh');
  });
});

describe('collective groups', () => {
  it.each([
    ['Các đơn vị, địa phương', 'ALL'],
    ['Người đứng đầu các đơn vị, địa phương', 'ALL'],
    ['các cơ quan, đơn vị', 'ALL'],
    ['Thủ trưởng các phòng, ban, ngành và Chủ tịch UBND các phường, xã', 'ALL'],
    ['UBND các phường, xã', 'WARDS_COMMUNES'],
    ['các phường, xã', 'WARDS_COMMUNES'],
    ['UBND phường, xã', 'WARDS_COMMUNES'],
    ['các phòng, ban, ngành', 'DEPARTMENTS'],
    ['Các phòng chuyên môn', 'DEPARTMENTS'],
  ])('%s → %s', (text, expected) => {
    expect(classifyGroup(text)?.collective).toBe(expected);
  });

  it.each([
    'Phòng Nội vụ',
    'UBND phường Thạch Linh',
    'các trường học',
    'Căn cứ vào điều kiện thực tiễn đơn vị, địa phương',
  ])('%s is not a group', (text) => {
    expect(classifyGroup(text)).toBeNull();
  });
});

describe('unit lists', () => {
  const matcher = createUnitMatcher(HA_TINH_UNITS);

  it('splits on commas and "và" without breaking names that contain "và"', () => {
    const refs = splitUnitList(
      'Phòng Văn hóa và Thông tin, Văn phòng HĐND và UBND thành phố và Phòng Tư pháp tổ chức kiểm tra',
      matcher,
    );
    expect(refs.map((r) => r.unitCode)).toEqual(['VHTT', 'VP', 'TP']);
  });

  it('keeps group phrases whole and stops at the verb phrase', () => {
    const refs = splitUnitList(
      'các phòng, ban, ngành thành phố, các đơn vị, phường, xã có liên quan căn cứ Nghị quyết số 76/NQ-CP, văn bản',
      matcher,
    );
    expect(refs.map((r) => r.text)).toEqual(['các phòng, ban, ngành thành phố', 'các đơn vị, phường, xã']);
  });
});

describe('titles', () => {
  it('first sentence, not fooled by abbreviations or numbers', () => {
    expect(firstSentence('Rà soát văn bản tại TP. Hà Tĩnh. Báo cáo kết quả.')).toBe('Rà soát văn bản tại TP. Hà Tĩnh');
    expect(firstSentence('Đạt 1.000 hồ sơ. Tiếp')).toBe('Đạt 1.000 hồ sơ');
    expect(firstSentence('Không có dấu chấm')).toBe('Không có dấu chấm');
  });

  it('cuts long titles at a word boundary within 200 characters', () => {
    const title = fitTitle('từ '.repeat(150).trim());
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('…')).toBe(true);
  });
});
