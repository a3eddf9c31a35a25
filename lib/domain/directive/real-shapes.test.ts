/**
 * Shapes of real directives pasted from other provinces (issue 9), one test each. The snippets
 * are written for the test (short, in the style of the corpus in tests/fixtures/directives-dev/),
 * and the unit registry is Hà Tĩnh city's: a province's Sở are not in it, so leads must be kept
 * as text.
 */
import { describe, expect, it } from 'vitest';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { toProposal } from '../import-proposal';
import { extractDeadline, extractRecurrence } from './deadlines';
import { parseDirective, type ParsedDirective } from './parse-directive';
import { reflowPaste } from './reflow';

const parse = (text: string) => parseDirective(text, HA_TINH_UNITS);

function rows(result: ParsedDirective) {
  return result.sections.flatMap((s) =>
    s.tasks.map((t) => ({
      section: s.numeral,
      start: t.text.split('\n')[0]?.slice(0, 30),
      lead: t.lead?.text ?? t.collective,
      coordinators: t.coordinators.map((c) => c.text),
      deadline: t.deadline,
      recurrence: t.recurrence,
    })),
  );
}

describe('Markdown paste from a legal-database site', () => {
  it('reflows bold numbering and hard-wrapped lines into one paragraph a line', () => {
    const text = '**III. TỔ CHỨC\nTHỰC HIỆN**\n\n**1. Sở\nNội vụ:**\n\n- Chủ trì tổng hợp\nkết quả.\n\n** **\n';
    expect(reflowPaste(text).split('\n')).toEqual([
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nội vụ:',
      '- Chủ trì tổng hợp kết quả.',
    ]);
  });

  it('leaves text without Markdown signs untouched (the seed has one paragraph a line)', () => {
    const text = 'I. Nhiệm vụ\n1. Phòng Nội vụ chủ trì.\n2. Phòng Tư pháp rà soát.';
    expect(reflowPaste(text)).toBe(text);
  });

  it('rebuilds a table flattened to one cell per line between lone "|" lines', () => {
    const text = [
      '|',
      'STT',
      '|',
      'Nội dung',
      '|',
      'Cơ quan chủ trì',
      '|',
      'Thời gian',
      '|',
      '|',
      '1',
      '|',
      'Xây dựng',
      'kế hoạch',
      '|',
      'Sở Tài chính',
      '|',
      'Quý III/2025',
      '|',
    ].join('\n');
    expect(reflowPaste(text).split('\n')).toEqual([
      'STT | Nội dung | Cơ quan chủ trì | Thời gian',
      '1 | Xây dựng kế hoạch | Sở Tài chính | Quý III/2025',
    ]);
  });

  it('reads tasks under bold Roman and numbered headings', () => {
    const text = [
      '**I. NHIỆM VỤ**',
      '',
      '**1. Sở Y\ntế:**',
      '',
      '- Tổ chức tiêm chủng\ncho trẻ em.',
      '',
      '- Kiểm tra các cơ sở y tế.',
      '',
      '**2. Công an tỉnh**',
      '',
      'Tăng cường tuần tra, kiểm soát.',
      '',
      '** **',
    ].join('\n');
    expect(rows(parse(text)).map((r) => [r.section, r.start, r.lead])).toEqual([
      ['I', 'Tổ chức tiêm chủng cho trẻ em.', 'Sở Y tế'],
      ['I', 'Kiểm tra các cơ sở y tế.', 'Sở Y tế'],
      ['I', 'Tăng cường tuần tra, kiểm soát', 'Công an tỉnh'],
    ]);
  });
});

describe('group headings that name the unit', () => {
  it('gives every dash under "1. Sở Nội vụ:" its lead; liability clauses are not tasks', () => {
    const text = [
      'Ủy ban nhân dân tỉnh yêu cầu:',
      '1. Sở Nội vụ:',
      '- Rà soát vị trí việc làm.',
      '- Chịu trách nhiệm trước Ủy ban nhân dân tỉnh nếu để xảy ra sai phạm.',
      '2. Sở Tài chính:',
      '- Bố trí kinh phí.',
    ].join('\n');
    expect(rows(parse(text)).map((r) => [r.section, r.start, r.lead])).toEqual([
      ['1', 'Rà soát vị trí việc làm.', 'Sở Nội vụ'],
      ['2', 'Bố trí kinh phí.', 'Sở Tài chính'],
    ]);
  });

  it('reads lettered items under a unit heading, whether or not "đ" is used', () => {
    for (const letters of [
      ['a', 'b', 'c', 'd', 'đ', 'e'],
      ['a', 'b', 'c', 'd', 'e', 'g'],
    ]) {
      const text = [
        'I. TỔ CHỨC THỰC HIỆN',
        '1. Sở Giáo dục và Đào tạo',
        ...letters.map((l) => `${l}) Việc ${l} của Sở.`),
      ].join('\n');
      const got = rows(parse(text));
      expect(got).toHaveLength(6);
      expect(new Set(got.map((r) => r.lead))).toEqual(new Set(['Sở Giáo dục và Đào tạo']));
    }
  });

  it('keeps unit names with hyphens and en dashes whole', () => {
    const text = [
      '1. Phòng Văn hóa - Thể thao – Du lịch:',
      '- Tổ chức lễ hội.',
      '2. Sở Lao động – Thương binh và Xã hội:',
      '- Rà soát hộ nghèo.',
    ].join('\n');
    expect(rows(parse(text)).map((r) => r.lead)).toEqual([
      'Phòng Văn hóa - Thể thao – Du lịch',
      'Sở Lao động – Thương binh và Xã hội',
    ]);
  });

  it('reads a collective heading as a collective ("UBND các xã, phường, đặc khu")', () => {
    const text = [
      '1. Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ:',
      '- Rà soát diện tích rừng bị lấn chiếm.',
      '- Xử lý dứt điểm vi phạm.',
    ].join('\n');
    const result = parse(text);
    expect(result.sections[0]?.tasks.map((t) => t.collective)).toEqual(['WARDS_COMMUNES', 'WARDS_COMMUNES']);
  });
});

describe('leads written as the subject of the sentence', () => {
  it('finds "Sở Y tế tham mưu…", "Sở Tài chính có trách nhiệm…" and "Giao Sở X chủ trì…" outside the registry', () => {
    const text = [
      'I. NHIỆM VỤ',
      '1. Sở Y tế tham mưu Ủy ban nhân dân tỉnh ban hành kế hoạch.',
      '2. Sở Tài chính có trách nhiệm bố trí kinh phí.',
      '3. Giao Sở Xây dựng chủ trì, phối hợp với Sở Nông nghiệp và Môi trường rà soát quy hoạch.',
    ].join('\n');
    const got = rows(parse(text));
    expect(got.map((r) => r.lead)).toEqual(['Sở Y tế', 'Sở Tài chính', 'Sở Xây dựng']);
    expect(got[2]?.coordinators).toEqual(['Sở Nông nghiệp và Môi trường']);
  });

  it('keeps an unmatched lead as text in the review proposal, flagged for the reviewer', () => {
    const parsed = parse('I. NHIỆM VỤ\n1. Sở Y tế tham mưu Ủy ban nhân dân tỉnh ban hành kế hoạch.');
    const proposal = toProposal(parsed, { sourceText: '', registry: [], issuingBody: 'UBND' });
    const task = proposal.sections[0]?.tasks[0];
    expect(task?.lead).toBeNull();
    expect(task?.refs).toEqual([expect.objectContaining({ role: 'LEAD', text: 'Sở Y tế', unitCode: null })]);
    expect(parsed.warnings.some((w) => w.includes('«Sở Y tế» không có trong danh mục'))).toBe(true);
  });

  it('does not take the object of "Chỉ đạo …" for the lead', () => {
    const text = [
      '1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Chỉ đạo các đơn vị liên quan giám sát việc thực hiện.',
    ].join('\n');
    expect(rows(parse(text))[0]?.lead).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
  });
});

describe('collective addressees named before the list', () => {
  it('gives tasks that name nobody the group of «yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch UBND các phường, xã:»', () => {
    const text = [
      'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch UBND các phường, xã:',
      '1. Quán triệt nghiêm túc Chỉ thị này.',
      '2. Sở Tài chính bố trí kinh phí.',
    ].join('\n');
    const result = parse(text);
    expect(result.sections[0]?.tasks.map((t) => [t.lead?.text ?? null, t.collective])).toEqual([
      [null, 'ALL'],
      ['Sở Tài chính', null],
    ]);
    expect(result.warnings.some((w) => /không giao việc/.test(w))).toBe(false);
  });

  it('reads «Ủy ban nhân dân tỉnh yêu cầu UBND các xã, phường:» as wards and communes', () => {
    const result = parse(
      'Ủy ban nhân dân tỉnh yêu cầu UBND các xã, phường:\n1. Rà soát hộ nghèo.\n2. Báo cáo kết quả.',
    );
    expect(result.sections[0]?.tasks.map((t) => t.collective)).toEqual(['WARDS_COMMUNES', 'WARDS_COMMUNES']);
  });
});

describe('Công văn without numbering', () => {
  it('makes a task of each «Đề nghị …» / «Giao …» paragraph, with partners and the date, not the recipients', () => {
    const text = [
      'Kính gửi: Sở Y tế; Sở Tài chính.',
      'Thực hiện chỉ đạo của Bộ Y tế, Ủy ban nhân dân tỉnh có ý kiến như sau:',
      'Đề nghị Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát đối tượng; báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày 20/11/2024.',
      'Giao Sở Tài chính tham mưu bố trí kinh phí.',
    ].join('\n');
    expect(rows(parse(text)).map((r) => [r.lead, r.coordinators, r.deadline])).toEqual([
      ['Sở Y tế', ['Sở Tài chính'], '2024-11-20'],
      ['Sở Tài chính', [], null],
    ]);
  });
});

describe('field lines and task tables', () => {
  it('reads "- Cơ quan chủ trì / phối hợp / Thời gian thực hiện" lines', () => {
    const text = [
      'II. NỘI DUNG',
      '1. Rà soát văn bản quy phạm pháp luật',
      '- Cơ quan chủ trì: Sở Tư pháp.',
      '- Cơ quan phối hợp: Sở Nội vụ; Ủy ban nhân dân các xã, phường.',
      '- Thời gian thực hiện: Quý III/2025.',
      '2. Tổ chức triển khai văn bản hướng dẫn',
      '- Cơ quan chủ trì: Sở Tư pháp.',
      '- Thời gian thực hiện: Sau khi Nghị định được ban hành.',
    ].join('\n');
    const result = parse(text);
    expect(rows(result).map((r) => [r.lead, r.coordinators, r.deadline])).toEqual([
      ['Sở Tư pháp', ['Sở Nội vụ', 'Ủy ban nhân dân các xã, phường'], '2025-09-30'],
      ['Sở Tư pháp', [], null],
    ]);
    expect(result.sections[0]?.tasks[1]?.deadlineText).toMatch(/^Sau khi Nghị định/);
    expect(result.warnings.some((w) => /không phải là một ngày \(tính từ một sự kiện\)/.test(w))).toBe(true);
  });

  it('reads a "|" task table in an appendix after the signature, with its Roman sections as PL.I, PL.II', () => {
    const text = [
      'I. MỤC ĐÍCH',
      '1. Nâng cao nhận thức.',
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Khoa học và Công nghệ',
      '- Theo dõi, tổng hợp.',
      'Nơi nhận:',
      '- Như trên;',
      'KT. CHỦ TỊCH',
      'PHỤ LỤC',
      'DANH MỤC NHIỆM VỤ',
      'STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành',
      'I. NÂNG CAO NHẬN THỨC',
      '1 | Triển khai nền tảng đào tạo | Sở KH&CN | Các sở, ban, ngành tỉnh | Thường xuyên',
      'II. HOÀN THIỆN CƠ CHẾ',
      '2 | Xây dựng bộ tiêu chí | Sở KH&CN | Sở Công Thương | Quí IV-2025',
      '3 | Xây dựng kế hoạch giai đoạn | Sở Tài chính | | (2026 - 2030)',
    ].join('\n');
    expect(rows(parse(text)).map((r) => [r.section, r.lead, r.deadline, r.recurrence])).toEqual([
      ['II', 'Sở Khoa học và Công nghệ', null, 'ONCE'],
      ['PL.I', 'Sở KH&CN', null, 'CONTINUOUS'],
      ['PL.II', 'Sở KH&CN', '2025-12-31', 'ONCE'],
      ['PL.II', 'Sở Tài chính', '2030-12-31', 'ONCE'],
    ]);
  });

  it('does not read a numbered list of companies in an appendix as tasks', () => {
    const text = [
      '1. Sở Tài chính:',
      '- Bố trí kinh phí.',
      'Nơi nhận:',
      '- Như trên;',
      'PHỤ LỤC',
      'DANH SÁCH ĐƠN VỊ',
      '1. Công ty A',
      '2. Công ty B',
    ].join('\n');
    expect(rows(parse(text))).toHaveLength(1);
  });
});

describe('deadlines real texts write', () => {
  it.each([
    ['Quý III/2025', '2025-09-30'],
    ['Quí IV-2025', '2025-12-31'],
    ['năm 2026', '2026-12-31'],
    ['Năm 2026 và các năm tiếp theo', '2026-12-31'],
    ['(2025 - 2030)', '2030-12-31'],
    ['6 tháng đầu năm 2026', '2026-06-30'],
  ])('a time cell «%s» ends on %s', (cell, date) => {
    expect(extractDeadline(cell, { cueRequired: false })?.date).toBe(date);
  });

  it('reads the end of a range in a time cell ("Quý IV/2025 - Quý II/2026")', () => {
    const text =
      'STT | Nội dung | Cơ quan chủ trì | Thời gian\n1 | Khảo sát hạ tầng | Sở Xây dựng | Quý IV/2025- Quý II/2026';
    expect(rows(parse(text))[0]?.deadline).toBe('2026-06-30');
  });

  it('does not read "giai đoạn 2021 - 2025" in running text as a deadline', () => {
    expect(extractDeadline('Thực hiện chương trình giai đoạn 2021 - 2025.')).toBeNull();
  });

  it.each([
    'Sở Tài chính bố trí kinh phí chi thường xuyên theo quy định.',
    'Lập dự toán kinh phí hàng năm, kinh phí tổng thể.',
    'Chính sách đối với trẻ em từ 06 tháng đến 36 tháng tuổi.',
    'Tham gia kiểm tra định kỳ hay đột xuất dự án đầu tư.',
  ])('«%s» states no cycle of the task', (text) => {
    expect(extractRecurrence(text)).toBeNull();
  });

  it("reads «từ nay đến cuối năm» as the end of the year of the document's date line", () => {
    const text =
      'UBND TỈNH X\nSố: 12/KH-UBND, ngày 19 tháng 11 năm 2025\n1. Sở Y tế:\n- Xây dựng kế hoạch từ nay đến cuối năm.';
    expect(rows(parse(text))[0]?.deadline).toBe('2025-12-31');
  });

  it('flags "trước 16 giờ hằng ngày" as a cycle, not a date', () => {
    const result = parse('1. Sở Y tế:\n- Báo cáo số ca bệnh trước 16 giờ hằng ngày.');
    const task = result.sections[0]?.tasks[0];
    expect(task?.deadline).toBeNull();
    expect(task?.recurrence).toBe('CONTINUOUS');
    expect(result.warnings.some((w) => /không phải là một ngày \(lặp lại\)/.test(w))).toBe(true);
  });
});

describe('texts that assign no task', () => {
  it('a Quyết định made of articles gives no task and no whole-text task in the review', () => {
    const text = [
      'QUYẾT ĐỊNH',
      'Điều 1. Phạm vi điều chỉnh',
      '1. Quyết định này quy định về phân cấp.',
      '2. Các nội dung khác.',
      'Điều 2. Tổ chức thực hiện',
      'Giám đốc các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này.',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.sections).toEqual([]);
    expect(parsed.assignsNoTasks).toBe(true);
    expect(toProposal(parsed, { sourceText: text, registry: [], issuingBody: 'UBND' }).sections).toEqual([]);
  });

  it('numbered text that names no unit (a forecast) gives no task', () => {
    const text = [
      'I. DỰ BÁO',
      '1. Tăng trưởng kinh tế đạt 8%.',
      '2. Thu ngân sách tăng 10%.',
      'II. GIẢI PHÁP',
      '1. Tăng cường quản lý thu.',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.sections).toEqual([]);
    expect(parsed.warnings[0]).toMatch(/không giao việc cho đơn vị nào/);
  });

  it("a Quyết định with an attached plan after the signature gives the plan's table tasks", () => {
    const text = [
      'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.',
      'Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
      'Nơi nhận:',
      '- Như Điều 2;',
      'PHỤ LỤC',
      'STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian thực hiện',
      '1 | Xây dựng đề án | Sở Công Thương | Năm 2026',
    ].join('\n');
    expect(rows(parse(text)).map((r) => [r.section, r.lead, r.deadline])).toEqual([
      ['PL', 'Sở Công Thương', '2026-12-31'],
    ]);
  });
});

describe('notes, references and sector headings (issue 9, second pass)', () => {
  it('reads notes numbered "(1) … (4)" as tasks, after the request that opens the section', () => {
    const text = [
      'Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:',
      '1. Về triển khai thực hiện đánh giá, xếp loại chất lượng năm 2025',
      'Đề nghị các cơ quan chuyên môn thuộc Ủy ban nhân dân Thành phố tổ chức thực hiện và hoàn thành trước ngày 05 tháng 12 năm 2025.',
      '*Một số vấn đề lưu ý:*',
      '(1) Người đứng đầu cơ quan chuyên môn xem xét, quyết định đánh giá công chức.',
      '(2) Chủ tịch Ủy ban nhân dân các xã, phường xem xét, quyết định đánh giá công chức cấp xã.',
      '2. Giao Sở Nội vụ',
      '- Tổng hợp, báo cáo kết quả đánh giá.',
    ].join('\n');
    const tasks = parse(text).sections.flatMap((s) => s.tasks.map((t) => [t.number, t.text.slice(0, 24)]));
    expect(tasks).toEqual([
      ['1', 'Đề nghị các cơ quan chuy'],
      ['(1)', 'Người đứng đầu cơ quan c'],
      ['(2)', 'Chủ tịch Ủy ban nhân dân'],
      ['2.1', 'Tổng hợp, báo cáo kết qu'],
    ]);
  });

  it('drops items that only say which procedure applies or who decides', () => {
    const text = [
      '1. Về kiểm điểm tập thể',
      'a) Về kiểm điểm tập thể lãnh đạo, quản lý: Thực hiện theo Mục III Kế hoạch số 13-KH/TU.',
      'b) Đối với tập thể lãnh đạo các sở, ban, ngành:',
      '- Về phương pháp, quy trình đánh giá: thực hiện tương tự như nội dung khoản 2 Mục III Hướng dẫn số 01-HD/BTCTU.',
      '- Thẩm quyền quyết định đánh giá, xếp loại chất lượng: Ban Thường vụ Đảng ủy.',
      '2. Sở Nội vụ',
      'a) Tổng hợp kết quả đánh giá, báo cáo Ủy ban nhân dân Thành phố.',
    ].join('\n');
    const result = parse(text);
    expect(result.sections.flatMap((s) => s.tasks.map((t) => t.text.slice(0, 20)))).toEqual(['Tổng hợp kết quả đán']);
    expect(result.warnings.some((w) => w.includes('chỉ dẫn chiếu cách thực hiện'))).toBe(true);
  });

  it('a heading that names a sector gives its tasks no lead, a heading that names a unit does', () => {
    const text = [
      'IV. PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC',
      '5. Giáo dục và Đào tạo',
      'a) Sở Giáo dục và Đào tạo chủ trì xây dựng nền tảng quản trị trường học.',
      'b) Triển khai nền tảng dạy, học trực tuyến.',
      '6. Phòng Giáo dục và Đào tạo:',
      'a) Rà soát cơ sở vật chất trường học.',
    ].join('\n');
    const leads = parse(text).sections.flatMap((s) => s.tasks.map((t) => [t.number, t.lead?.text ?? null]));
    expect(leads).toEqual([
      ['5.a', 'Sở Giáo dục và Đào tạo'],
      ['5.b', null],
      ['6.a', 'Phòng Giáo dục và Đào tạo'],
    ]);
  });

  it('says what a deadline that is not a date is: a daily cycle or an event', () => {
    const text = [
      'TT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành',
      '1\tCập nhật dữ liệu hộ tịch\tPhòng Tư pháp\tHằng ngày trước 16 giờ',
      '2\tKết nối hệ thống\tPhòng Văn hóa và Thông tin\tSau khi Tỉnh hoàn thành kết nối',
      '3\tSơ kết thực hiện\tPhòng Nội vụ\tTrước ngày 15/12/2023',
    ].join('\n');
    const tasks = parse(text).sections.flatMap((s) => s.tasks);
    expect(tasks.map((t) => [t.deadlineKind, t.deadlineText])).toEqual([
      ['RECURRING', 'Hằng ngày trước 16 giờ'],
      ['EVENT', 'Sau khi Tỉnh hoàn thành kết nối'],
      ['DATE', 'Trước ngày 15/12/2023'],
    ]);
    const proposal = toProposal(parse(text), { sourceText: text, registry: HA_TINH_UNITS, issuingBody: '' });
    const review = proposal.sections[0]!.tasks.map((t) => t.review);
    expect(review.map((r) => r?.dueDate.level)).toEqual(['FUZZY', 'FUZZY', 'EXACT']);
    expect(review[0]?.dueDate.note).toContain('không phải một ngày mà là việc lặp lại');
    expect(review[1]?.dueDate.note).toContain('tính từ một sự kiện');
    expect(review.map((r) => r?.lead.level)).toEqual(['EXACT', 'EXACT', 'EXACT']);
  });
});

describe('confidence per field for the review grid', () => {
  it('lead: exact for a registry name, to check for an unknown body, missing when nobody is named', () => {
    const text = [
      'I. Nhiệm vụ',
      '1. Phòng Tư pháp chủ trì rà soát văn bản, phối hợp với Báo Hà Tĩnh, hoàn thành trước 30/6/2026.',
      '2. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng số.',
      '3. Đẩy mạnh tuyên truyền về cải cách hành chính.',
    ].join('\n');
    const proposal = toProposal(parse(text), { sourceText: text, registry: HA_TINH_UNITS, issuingBody: '' });
    const review = proposal.sections[0]!.tasks.map((t) => t.review!);
    expect(review.map((r) => [r.lead.level, r.coordinators.level, r.dueDate.level])).toEqual([
      ['EXACT', 'FUZZY', 'EXACT'],
      ['FUZZY', 'NONE', 'MISSING'],
      ['MISSING', 'NONE', 'MISSING'],
    ]);
    expect(review[0]!.coordinators.note).toContain('«Báo Hà Tĩnh» không có trong danh mục đơn vị');
    expect(review[2]!.lead.note).toContain('tạm giao cho tất cả đơn vị');
  });
});
