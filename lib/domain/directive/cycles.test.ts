/**
 * Which cycle a task has, as officials write it (issue 9): the cycle of the task's report wherever
 * it is written, else the duty's, read from the task's first paragraph; a cue in one of its
 * bullets that is not about the report, or a budget phrase, is not.
 * Snippets are written for the test in the style of tests/fixtures/directives-dev/.
 */
import { describe, expect, it } from 'vitest';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { extractRecurrence } from './deadlines';
import { parseDirective } from './parse-directive';

const recurrences = (text: string) =>
  parseDirective(text, HA_TINH_UNITS).sections.flatMap((s) => s.tasks.map((t) => t.recurrence));

describe('the cycle of a task', () => {
  it('does not take a cycle from one bullet of a topic («- Hàng năm, xây dựng …»)', () => {
    const text = [
      'III. NHIỆM VỤ, GIẢI PHÁP',
      '1. Sở Công Thương chủ trì các nhiệm vụ sau',
      '2. Đẩy mạnh xúc tiến thương mại, mở rộng thị trường xuất khẩu',
      '- Duy trì, củng cố thị trường truyền thống.',
      '- Hàng năm, xây dựng kế hoạch xúc tiến thương mại của tỉnh.',
    ].join('\n');
    expect(recurrences(text)).toEqual(['ONCE', 'ONCE']);
  });

  it("takes the cycle of the task's report wherever it is written (a later bullet, a later sentence)", () => {
    const text = [
      'III. NHIỆM VỤ, GIẢI PHÁP',
      '1. Sở Công Thương chủ trì các nhiệm vụ sau',
      '2. Đẩy mạnh xúc tiến thương mại, mở rộng thị trường xuất khẩu',
      '- Hàng năm, xây dựng kế hoạch xúc tiến thương mại của tỉnh.',
      '- Tổng hợp, báo cáo UBND tỉnh kết quả thực hiện định kỳ 6 tháng.',
      '3. Sở Tài chính tham mưu bố trí kinh phí thực hiện. Định kỳ hằng quý, tổng hợp báo cáo UBND tỉnh.',
      '4. Sở Nội vụ theo dõi việc thực hiện; báo cáo UBND tỉnh khi có yêu cầu. Kinh phí bố trí hằng năm từ nguồn ngân sách.',
    ].join('\n');
    expect(recurrences(text)).toEqual(['ONCE', 'HALF_YEARLY', 'QUARTERLY', 'ONCE']);
  });

  it('does not take a cycle from a later paragraph that opens with a capital («Thường xuyên rà soát …»)', () => {
    const text = [
      '1. Sở Y tế:',
      '- Cung ứng đầy đủ, kịp thời thuốc, vật tư phục vụ khám bệnh.',
      'Thường xuyên rà soát kết quả đấu thầu cung ứng thuốc.',
    ].join('\n');
    expect(recurrences(text)).toEqual(['ONCE']);
  });

  it('still reads the cue of a first paragraph wrapped onto a lower-case line (a <br> in a web page)', () => {
    const text =
      '<p><strong>II. Nhiệm vụ cụ thể</strong></p><ol><li>Phòng Tư pháp chủ trì kiểm soát thủ tục hành chính; cập nhật, công khai kịp thời thủ tục hành chính mới được công bố<br />trên Cổng thông tin điện tử thành phố hàng tháng.</li></ol>';
    const [task] = parseDirective(text, HA_TINH_UNITS).sections.flatMap((s) => s.tasks);
    expect(task?.text).toContain('\n');
    expect(task?.recurrence).toBe('MONTHLY');
  });

  it('reads the cycle that opens the task («Hằng năm, tổ chức kiểm tra …»)', () => {
    expect(recurrences('1. Sở Giáo dục và Đào tạo: Hằng năm, tổ chức kiểm tra việc thực hiện Kế hoạch.')).toEqual([
      'YEARLY',
    ]);
  });
});

describe('budget phrases are not cycles', () => {
  it.each([
    'xây dựng phương án phân bổ kế hoạch đầu tư công trung hạn, hằng năm từ nguồn vốn ngân sách',
    'bố trí kế hoạch đầu tư công trung hạn và hằng năm cho các dự án',
    'lồng ghép vào kế hoạch hằng năm từ nguồn kinh phí sự nghiệp môi trường',
  ])('«%s» has no cycle', (text) => {
    expect(extractRecurrence(text)).toBeNull();
  });

  it('a yearly report is still a cycle («báo cáo hằng năm về Ủy ban nhân dân tỉnh»)', () => {
    expect(extractRecurrence('tổng hợp, báo cáo hằng năm về Ủy ban nhân dân tỉnh')?.recurrence).toBe('YEARLY');
  });
});
