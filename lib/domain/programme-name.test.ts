import { describe, expect, it } from 'vitest';
import { PROGRAMME_SHORT_MAX, fromSeveralProgrammes, programmeShortName } from './programme-name';

describe('programmeShortName', () => {
  it('is the document number when there is one', () => {
    expect(
      programmeShortName({
        title: 'Kế hoạch cải cách hành chính năm 2026 của thành phố',
        documentNumber: ' 125/KH-UBND ',
      }),
    ).toBe('125/KH-UBND');
  });

  it('is the start of the title, cut at a word, without a number', () => {
    const short = programmeShortName({
      title: 'Triển khai Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030',
      documentNumber: null,
    });
    expect(short).toBe('Triển khai Nghị quyết 76/NQ-CP…');
    expect(short.length).toBeLessThanOrEqual(PROGRAMME_SHORT_MAX + 1);
  });

  it('keeps a short title whole, and a blank number counts as none', () => {
    expect(programmeShortName({ title: 'Chỉ tiêu CCHC', documentNumber: '  ' })).toBe('Chỉ tiêu CCHC');
  });

  it('cuts a title without spaces at the limit', () => {
    expect(programmeShortName({ title: 'x'.repeat(50), documentNumber: null })).toBe(
      `${'x'.repeat(PROGRAMME_SHORT_MAX)}…`,
    );
  });
});

describe('fromSeveralProgrammes', () => {
  it('is true only for rows of two programmes or more', () => {
    expect(fromSeveralProgrammes([])).toBe(false);
    expect(fromSeveralProgrammes([{ programmeTitle: 'A' }, { programmeTitle: 'A' }])).toBe(false);
    expect(fromSeveralProgrammes([{ programmeTitle: 'A' }, { programmeTitle: 'B' }])).toBe(true);
  });
});
