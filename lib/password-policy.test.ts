import { describe, expect, it } from 'vitest';
import { weakPasswordReason } from './password-policy';

describe('password policy', () => {
  it('refuses common passwords and keyboard walks, even when long enough', () => {
    for (const p of [
      'password1234',
      '123456789012',
      'qwertyuiop12',
      'Password123!',
      'iloveyou1234',
      'aaaaaaaaaaaa',
      '1q2w3e4r5t6y',
    ]) {
      expect(weakPasswordReason(p), p).toMatch(/quá phổ biến/);
    }
  });

  it('refuses the user’s own name or username made into a password', () => {
    expect(weakPasswordReason('cb.tranphu2026', ['cb.tranphu', 'Nguyễn Văn An'])).not.toBeNull();
    expect(weakPasswordReason('dondoc123456')).not.toBeNull();
  });

  it('accepts long, unusual passphrases', () => {
    for (const p of ['Mat-khau-e2e-2027', 'Mật-khẩu-dài-2026!', 'mây trắng bay qua đồi chè'])
      expect(weakPasswordReason(p), p).toBeNull();
  });
});
