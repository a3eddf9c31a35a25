import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../working-days';
import { parseDirective } from './parse-directive';
import { findWorkingDayDeadline, withWorkingDayDeadlines } from './working-day-deadline';

describe('findWorkingDayDeadline', () => {
  it('reads the count and a dated anchor, keeping the original words', () => {
    expect(findWorkingDayDeadline('Hoàn thành trong 10 ngày làm việc kể từ ngày 01/02/2027.')).toEqual({
      days: 10,
      from: '2027-02-01',
      text: 'trong 10 ngày làm việc kể từ ngày 01/02/2027',
    });
    expect(findWorkingDayDeadline('báo cáo chậm nhất 05 ngày làm việc kể từ 1/2/2027')?.from).toBe('2027-02-01');
  });

  it('an event as anchor gives no date but the phrase', () => {
    expect(findWorkingDayDeadline('Báo cáo trong thời hạn 05 ngày làm việc kể từ ngày ký văn bản này.')).toEqual({
      days: 5,
      from: null,
      text: 'trong thời hạn 05 ngày làm việc kể từ ngày ký văn bản này',
    });
  });

  it('ignores calendar days and an impossible anchor', () => {
    expect(findWorkingDayDeadline('trong 10 ngày kể từ ngày 01/02/2027')).toBeNull();
    expect(findWorkingDayDeadline('trong 10 ngày làm việc kể từ ngày 31/02/2027')?.from).toBeNull();
  });
});

describe('withWorkingDayDeadlines', () => {
  it('gives the import its deadline: 10 working days from 1/2/2027 skips Tết and lands on 17/2/2027', () => {
    const parsed = parseDirective(
      'I. Về công tác chỉ đạo\n' +
        '1. Giao phòng Nội vụ chủ trì xây dựng kế hoạch, hoàn thành trong 10 ngày làm việc kể từ ngày 01/02/2027.\n' +
        '2. Các đơn vị báo cáo trong thời hạn 05 ngày làm việc kể từ ngày ký văn bản này.\n' +
        '3. Phòng Tư pháp hoàn thành trước 15/9/2027.\n',
      [],
    );
    const tasks = withWorkingDayDeadlines(parsed, new WorkCalendar()).sections[0]!.tasks;
    expect(tasks.map((t) => [t.deadline, t.deadlineText])).toEqual([
      ['2027-02-17', 'trong 10 ngày làm việc kể từ ngày 01/02/2027'],
      [null, 'trong thời hạn 05 ngày làm việc kể từ ngày ký văn bản này'],
      ['2027-09-15', 'hoàn thành trước 15/9/2027'],
    ]);
  });
});
