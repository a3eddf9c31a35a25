import { describe, expect, it } from 'vitest';
import { endOfQuarter, extractDeadline, extractRecurrence, findDeadlines, lastDayOfMonth } from './deadlines';

function date(text: string): string | null | undefined {
  return extractDeadline(text)?.date;
}

describe('extractDeadline: full dates after a cue', () => {
  it.each([
    ['hoàn thành trước 15/9/2021.', '2021-09-15'],
    ['trước ngày 31/12/2021', '2021-12-31'],
    ['Hoàn thành trước ngày 15 tháng 9 năm 2021', '2021-09-15'],
    ['chậm nhất ngày 12/10/2021', '2021-10-12'],
    ['chậm nhất là ngày 05-01-2022', '2022-01-05'],
    ['xong trước 15.5.2024', '2024-05-15'],
    ['Thời hạn: 30/6/2022', '2022-06-30'],
    ['hoànthành trước 1/2/2023', '2023-02-01'],
    ['trước ngày 29/2/2024', '2024-02-29'],
  ])('%s → %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('keeps the words of the deadline from the original text', () => {
    expect(extractDeadline('Rà soát, hoàn thành trước 15/9/2021.')).toEqual({
      date: '2021-09-15',
      text: 'hoàn thành trước 15/9/2021',
      index: 9,
      problem: null,
    });
  });
});

describe('extractDeadline: periods mean their last day', () => {
  it.each([
    ['trong Quý III/2021', '2021-09-30'],
    ['hoàn thành trong quý 3 năm 2021', '2021-09-30'],
    ['trong quý IV năm 2022', '2022-12-31'],
    ['trong tháng 10/2021', '2021-10-31'],
    ['trong tháng 2 năm 2024', '2024-02-29'],
    ['hoàn thành trong năm 2022', '2022-12-31'],
    ['trong năm 2022', '2022-12-31'],
    ['trong 6 tháng đầu năm 2022', '2022-06-30'],
    ['trong 6 tháng cuối năm 2022', '2022-12-31'],
    ['trước tháng 10/2021', '2021-09-30'],
    ['trước tháng 1/2022', '2021-12-31'],
    ['trước quý I/2022', '2021-12-31'],
    ['trước năm 2025', '2024-12-31'],
    ['đến hết năm 2025', '2025-12-31'],
  ])('%s → %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });
});

describe('extractDeadline: not deadlines', () => {
  it.each([
    'giai đoạn 2021-2030',
    'Chương trình tổng thể giai đoạn 2021 - 2030',
    'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ',
    'phấn đấu đến năm 2025 đạt 80%',
    'kết quả năm 2022',
    'trong năm 2021 - 2025',
    'sơ kết 6 tháng đầu năm 2022',
    'theo quy định',
    '',
  ])('%s → null', (text) => {
    expect(extractDeadline(text)).toBeNull();
  });
});

describe('extractDeadline: problems are reported, not guessed', () => {
  it.each([
    ['trước ngày 31/2/2022', 'INVALID'],
    ['trước ngày 29/2/2023', 'INVALID'],
    ['trước 32/1/2022', 'INVALID'],
    ['trước 15/13/2022', 'INVALID'],
    ['trước ngày 15/9/1850', 'INVALID'],
    ['trước ngày 30/9', 'NO_YEAR'],
    ['trước ngày 20 hằng tháng', 'NO_YEAR'],
    ['hoàn thành trong tháng 9', 'NO_YEAR'],
    ['trong quý IV', 'NO_YEAR'],
  ])('%s → %s', (text, problem) => {
    expect(extractDeadline(text)).toMatchObject({ date: null, problem });
  });

  it('prefers a dated phrase to an earlier yearless one', () => {
    expect(date('báo cáo trước ngày 20 hằng tháng; hoàn thành trước 31/12/2021')).toBe('2021-12-31');
  });

  it('takes the first dated phrase (completion before reporting)', () => {
    expect(date('hoàn thành trước 30/9/2021, báo cáo kết quả trước 15/10/2021')).toBe('2021-09-30');
    expect(findDeadlines('hoàn thành trước 30/9/2021, báo cáo kết quả trước 15/10/2021')).toHaveLength(2);
  });
});

describe('extractDeadline in a table cell (no cue needed)', () => {
  it.each([
    ['Quý I/2023', '2023-03-31'],
    ['Tháng 6/2023', '2023-06-30'],
    ['31/12/2023', '2023-12-31'],
    ['Năm 2023', '2023-12-31'],
    ['2023', '2023-12-31'],
    ['Trước ngày 30/6/2023', '2023-06-30'],
  ])('%s → %s', (cell, expected) => {
    expect(extractDeadline(cell, { cueRequired: false })?.date).toBe(expected);
  });

  it('recurrences and free text are not dates', () => {
    expect(extractDeadline('Thường xuyên', { cueRequired: false })).toBeNull();
    expect(extractDeadline('Theo Kế hoạch kiểm tra', { cueRequired: false })).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('last day of month and quarter, leap years included', () => {
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2023, 2)).toBe(28);
    expect(lastDayOfMonth(2021, 9)).toBe(30);
    expect(endOfQuarter(2021, 1)).toBe('2021-03-31');
    expect(endOfQuarter(2021, 3)).toBe('2021-09-30');
    expect(endOfQuarter(2021, 4)).toBe('2021-12-31');
  });
});

describe('extractRecurrence', () => {
  it.each([
    ['bảo đảm kinh phí hàng năm', 'YEARLY'],
    ['Hằng năm, tổ chức đánh giá', 'YEARLY'],
    ['thường niên', 'YEARLY'],
    ['báo cáo hàng tháng', 'MONTHLY'],
    ['trước ngày 25 hằng tháng', 'MONTHLY'],
    ['định kỳ hằng quý báo cáo', 'QUARTERLY'],
    ['mỗi quý một lần', 'QUARTERLY'],
    ['báo cáo 6 tháng, năm', 'HALF_YEARLY'],
    ['định kỳ 6 tháng', 'HALF_YEARLY'],
    ['06 tháng/lần', 'HALF_YEARLY'],
    ['Thường xuyên', 'CONTINUOUS'],
    ['cập nhật liên tục', 'CONTINUOUS'],
    ['hằng tuần thông báo', 'CONTINUOUS'],
  ])('%s → %s', (text, expected) => {
    expect(extractRecurrence(text)?.recurrence).toBe(expected);
  });

  it('"định kỳ" alone is read as quarterly and flagged as an assumption', () => {
    expect(extractRecurrence('Định kỳ kiểm tra công vụ')).toMatchObject({
      recurrence: 'QUARTERLY',
      assumed: true,
      text: 'Định kỳ',
    });
    expect(extractRecurrence('định kỳ hằng quý')?.assumed).toBe(false);
  });

  it('a cue that opens a sentence beats one inside a phrase (seed I.6)', () => {
    const i6 =
      'Tăng cường công tác kiểm tra theo thẩm quyền. Thường xuyên quán triệt việc thực hiện; đưa chuyên đề vào các cuộc họp giao ban định kỳ hàng tháng.';
    expect(extractRecurrence(i6)?.recurrence).toBe('CONTINUOUS');
    expect(extractRecurrence('họp giao ban hàng tháng; Hàng năm, tổ chức tập huấn')?.recurrence).toBe('YEARLY');
  });

  it('durations, deadlines and "quy định" are not recurrences', () => {
    for (const text of [
      'trong 6 tháng',
      'sau 6 tháng kể từ ngày ký',
      'theo quy định',
      'mọi quy định',
      'sơ kết 6 tháng đầu năm 2022',
      'quy chế',
      '',
    ]) {
      expect(extractRecurrence(text)).toBeNull();
    }
  });
});
