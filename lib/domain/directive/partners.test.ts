/**
 * Who works with whom, as officials write it (issue 9, second pass): several leads, partners
 * after "phối hợp", and what is not a partner (report recipients, a list of nouns, forest
 * owners). Snippets are written for the test in the style of tests/fixtures/directives-dev/;
 * the registry is Hà Tĩnh city's, so a province's Sở are kept as text.
 */
import { describe, expect, it } from 'vitest';
import { HA_TINH_UNITS } from '../ha-tinh-units';
import { toProposal } from '../import-proposal';
import { parseDirective } from './parse-directive';

const parse = (text: string) => parseDirective(text, HA_TINH_UNITS);

function tasks(text: string) {
  return parse(text).sections.flatMap((s) =>
    s.tasks.map((t) => ({
      lead: t.lead?.text ?? t.collective,
      coLeads: t.coLeads.map((c) => c.text),
      coordinators: t.coordinators.map((c) => c.text),
      groups: t.coordinators.filter((c) => c.unitCode === null && c.confidence === 0).map((c) => c.text),
    })),
  );
}

describe('several leads', () => {
  it('keeps every unit of a «Cơ quan chủ trì:» list, the first as lead, none as a partner', () => {
    const [t] = tasks(
      [
        'II. NỘI DUNG',
        '1. Tổ chức tập huấn nghiệp vụ',
        '- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.',
        '- Cơ quan phối hợp: Bảo hiểm xã hội tỉnh, Trung tâm Dịch vụ việc làm tỉnh (Sở Nội vụ).',
      ].join('\n'),
    );
    expect(t).toMatchObject({
      lead: 'Sở Nội vụ',
      coLeads: ['Sở Giáo dục và Đào tạo', 'Sở Tài chính'],
      coordinators: ['Bảo hiểm xã hội tỉnh', 'Trung tâm Dịch vụ việc làm tỉnh'],
    });
  });

  it('keeps the second unit of a table lead cell as a co-lead, not a partner', () => {
    const [t] = tasks(
      [
        'STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
        '1 | Thiết lập thư viện điện tử | Sở Giáo dục và Đào tạo, Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính | 2026 - 2030',
      ].join('\n'),
    );
    expect(t).toMatchObject({
      lead: 'Sở Giáo dục và Đào tạo',
      coLeads: ['Sở Văn hóa, Thể thao và Du lịch'],
      coordinators: ['Sở Tài chính'],
    });
  });

  it('reads «A và B chủ trì, phối hợp với C» as two leads and one partner', () => {
    const [t] = tasks(
      '1. Phòng Kinh tế và Phòng Quản lý đô thị chủ trì, phối hợp với Phòng Tư pháp rà soát các quy định.',
    );
    expect(t).toMatchObject({
      lead: 'Phòng Kinh tế',
      coLeads: ['Phòng Quản lý đô thị'],
      coordinators: ['Phòng Tư pháp'],
    });
  });

  it('gives every task under a heading that lists several bodies the first as lead and the others as co-leads', () => {
    const text = [
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh:',
      '- Xây dựng các phóng sự, tin bài tuyên truyền.',
      '2. Liên minh Hợp tác xã tỉnh, Hội Nông dân tỉnh, Hiệp hội doanh nghiệp tỉnh:',
      '- Đẩy mạnh tập huấn cho hợp tác xã.',
      '- Thường xuyên nắm bắt khó khăn của doanh nghiệp.',
    ].join('\n');
    expect(tasks(text).map((t) => [t.lead, t.coLeads])).toEqual([
      ['Báo và phát thanh, truyền hình Sơn La', ['Cổng thông tin điện tử tỉnh']],
      ['Liên minh Hợp tác xã tỉnh', ['Hội Nông dân tỉnh', 'Hiệp hội doanh nghiệp tỉnh']],
      ['Liên minh Hợp tác xã tỉnh', ['Hội Nông dân tỉnh', 'Hiệp hội doanh nghiệp tỉnh']],
    ]);
  });

  it('proposes co-leads as coordinating units and marks the lead for review', () => {
    const text = '1. Phòng Kinh tế và Phòng Quản lý đô thị chủ trì rà soát các quy định.';
    const proposal = toProposal(parse(text), { sourceText: text, registry: HA_TINH_UNITS, issuingBody: '' });
    const task = proposal.sections[0]!.tasks[0]!;
    expect(task.lead).toBe('KT');
    expect(task.coordinators).toEqual(['QLDT']);
    expect(task.refs.filter((r) => r.coLead).map((r) => r.text)).toEqual(['Phòng Quản lý đô thị']);
    expect(task.review?.lead.level).toBe('FUZZY');
    expect(task.review?.lead.note).toContain('2 đơn vị chủ trì');
    expect(task.review?.coordinators.level).toBe('NONE');
  });

  it('gives the items under a heading that names a group that group, shown as a lead to check', () => {
    const text = [
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Phòng Nội vụ',
      'Chủ trì hướng dẫn, kiểm tra việc thực hiện Kế hoạch này.',
      '2. Các sở, ban, ngành cấp tỉnh',
      '- Tiếp tục phổ biến, quán triệt các quy định về bảo vệ bí mật nhà nước.',
      '- Thực hiện nghiêm túc quy trình tự kiểm tra, đánh giá.',
    ].join('\n');
    const proposal = toProposal(parse(text), { sourceText: text, registry: HA_TINH_UNITS, issuingBody: '' });
    const [own, first, second] = proposal.sections[0]!.tasks;
    expect(own!.review?.lead.level).toBe('EXACT');
    for (const task of [first!, second!]) {
      expect(task.lead).toBeNull();
      expect(task.collective).toBe('DEPARTMENTS');
      expect(task.review?.lead.level).toBe('FUZZY');
      expect(task.review?.lead.note).toContain('Nhóm chủ trì lấy từ tiêu đề «Các sở, ban, ngành cấp tỉnh»');
    }
  });

  it('reads the units after «X chủ trì …;» in a «Cơ quan thực hiện:» line as partners', () => {
    const [t] = tasks(
      [
        'II. NỘI DUNG',
        '1. Phổ biến Luật Việc làm',
        '- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch; Sở Tư pháp, Đài Phát thanh và Truyền hình tỉnh chủ động tổ chức triển khai Luật.',
      ].join('\n'),
    );
    expect(t).toMatchObject({
      lead: 'Sở Nội vụ',
      coordinators: ['Sở Tư pháp', 'Đài Phát thanh và Truyền hình tỉnh'],
    });
  });
});

describe('partners after «phối hợp»', () => {
  it('reads no partner from «phối hợp» as one noun of a list («công tác, phối hợp, thanh tra, kiểm tra»)', () => {
    const [t] = tasks(
      '1. Sở Nông nghiệp và Môi trường nâng cao hiệu quả công tác, phối hợp, thanh tra, kiểm tra, giám sát tài nguyên biển.',
    );
    expect(t?.coordinators).toEqual([]);
  });

  it('leaves out partners that are not bodies of the administration (chủ rừng, doanh nghiệp)', () => {
    const [t] = tasks(
      '1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an tỉnh, chủ rừng, doanh nghiệp triển khai Chỉ thị.',
    );
    expect(t?.coordinators).toEqual(['Công an tỉnh']);
  });

  it('reads «sở, ngành có liên quan» (no «các») as a group', () => {
    const [t] = tasks(
      '1. Công an tỉnh chủ trì, phối hợp Bộ Chỉ huy Quân sự tỉnh và sở, ngành có liên quan tham mưu xây dựng chính sách.',
    );
    expect(t?.coordinators).toEqual(['Bộ Chỉ huy Quân sự tỉnh', 'sở, ngành']);
    expect(t?.groups).toEqual(['sở, ngành']);
  });

  it('reads «Ủy ban nhân dân 04 xã: …» as a group of communes, not the provincial committee', () => {
    const [t] = tasks(
      '1. Sở Nông nghiệp và Môi trường tiếp tục triển khai Kế hoạch; phối hợp với Ủy ban nhân dân 04 xã: Gia Thuận, Tân Điền thành lập khu bảo vệ nguồn lợi thủy sản.',
    );
    expect(t?.groups).toEqual(['Ủy ban nhân dân 04 xã']);
  });

  it('ends a partner list at «trình cấp có thẩm quyền»', () => {
    const [t] = tasks(
      '1. Sở Tài chính căn cứ khả năng cân đối ngân sách, phối hợp với Sở Nông nghiệp và Môi trường trình cấp có thẩm quyền bố trí kinh phí.',
    );
    expect(t?.coordinators).toEqual(['Sở Nông nghiệp và Môi trường']);
  });

  it('does not read report recipients («gửi về», «qua») as partners', () => {
    const [t] = tasks(
      '1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát đối tượng, báo cáo kết quả gửi về Sở Nội vụ (qua Văn phòng Ủy ban nhân dân tỉnh) trước ngày 20/11/2025.',
    );
    expect(t?.coordinators).toEqual(['Sở Tài chính']);
  });
});
