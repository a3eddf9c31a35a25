import { describe, expect, it } from 'vitest';
import { parseDirective } from './directive/parse-directive';
import { toProposal } from './import-proposal';

const TEXT = [
  'KẾ HOẠCH',
  'I. NHIỆM VỤ',
  '1. Phòng Tư pháp chủ trì, phối hợp với Phòng Nội vụ rà soát văn bản; hoàn thành trước ngày 30/6/2024.',
].join('\n');
const REGISTRY = [
  { code: 'TP', name: 'Phòng Tư pháp', kind: 'DEPARTMENT', aliases: [] },
  { code: 'NV', name: 'Phòng Nội vụ', kind: 'DEPARTMENT', aliases: [] },
];

function proposal(ocrPages: number[]) {
  return toProposal(parseDirective(TEXT, REGISTRY), {
    sourceText: TEXT,
    registry: REGISTRY,
    issuingBody: 'UBND thành phố',
    ocrPages,
  });
}

describe('toProposal: text read by OCR from a scan', () => {
  it('a text layer: the fields read exactly stay exact, no warning about a scan', () => {
    const p = proposal([]);
    const review = p.sections[0]!.tasks[0]!.review!;
    expect([review.lead.level, review.coordinators.level, review.dueDate.level]).toEqual(['EXACT', 'EXACT', 'EXACT']);
    expect(p.warnings.join(' ')).not.toContain('bản scan');
  });

  it('a scan: every field is "cần kiểm tra" with the reason, and the grid warns which pages', () => {
    const p = proposal([1, 3]);
    const task = p.sections[0]!.tasks[0]!;
    expect(task.lead).toBe('TP');
    expect(task.dueDate).toBe('30/06/2024');
    for (const check of Object.values(task.review!)) {
      expect(check.level).toBe('FUZZY');
      expect(check.note).toContain('Đọc từ bản scan (OCR)');
    }
    expect(p.warnings[0]).toContain('Trang 1, 3 của tệp PDF là bản scan');
  });
});
