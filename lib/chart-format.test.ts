import { describe, expect, it } from 'vitest';
import { labelLines } from './chart-format';

describe('labelLines', () => {
  it('keeps a short name on one line, whole', () => {
    expect(labelLines('Phường Nam Hà', 22)).toEqual(['Phường Nam Hà']);
  });
  it('wraps a long name at word boundaries instead of cutting it', () => {
    expect(labelLines('Phòng Tài chính – Kế hoạch', 18)).toEqual(['Phòng Tài chính –', 'Kế hoạch']);
  });
  it('abbreviates the unit kind only when the full name does not fit', () => {
    expect(labelLines('Phòng Lao động – Thương binh và Xã hội', 16)).toEqual(['Ph. Lao động –', 'Thương binh và…']);
  });
  it('marks a cut with an ellipsis, never silently', () => {
    const lines = labelLines('I. Về công tác chỉ đạo, quán triệt thực hiện Nghị quyết 76', 22);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(lines.every((l) => l.length <= 22)).toBe(true);
  });
});
