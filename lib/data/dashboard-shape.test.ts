import { describe, expect, it } from 'vitest';
import { sectionLabel } from './dashboard-shape';

describe('sectionLabel (sections of several programmes side by side)', () => {
  it('names the programme by its document number', () => {
    expect(sectionLabel('I', '76/KH-UBND', 1)).toBe('I (76/KH-UBND)');
  });
  it('without one, by its place in the legend — never by a database id', () => {
    expect(sectionLabel('II', null, 2)).toBe('II (CT 2)');
    expect(sectionLabel('II', '  ', 3)).toBe('II (CT 3)');
  });
});
