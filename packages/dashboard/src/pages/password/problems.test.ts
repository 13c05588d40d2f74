import { describe, expect, it } from 'vitest';
import { firstRefused, saidByHub, saidHere, wordsIn } from './problems.ts';

const t = (key: string) => `«${key}»`;

describe('dashboard/password problems', () => {
  it("should put each of the hub's problems beside the field it names", () => {
    const said = saidByHub({
      message: 'changePassword.newPassword：密码至少 8 个字符（另有 1 处错误，见 problems）；未写入任何数据 / …',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'password/too_short',
        field: 'changePassword.newPassword',
        problems: [
          {
            field: 'changePassword.newPassword',
            reason: 'password/too_short',
            zh: '密码至少 8 个字符',
            en: 'a password needs at least 8 characters',
          },
          {
            field: 'changePassword.newPassword',
            reason: 'password/too_simple',
            zh: '密码须包含…至少三类',
            en: 'a password needs three of…',
          },
        ],
      },
    });
    expect(Object.keys(said)).toEqual(['newPassword']);
    expect(said.newPassword!.map((w) => wordsIn(w, 'zh', t))).toEqual(['密码至少 8 个字符', '密码须包含…至少三类']);
    expect(said.newPassword!.map((w) => wordsIn(w, 'en', t))[0]).toBe('a password needs at least 8 characters');
    expect(firstRefused(said)).toBe('newPassword');
  });

  it('should put a wrong current password beside its field, and what names no field on the form', () => {
    const wrong = saidByHub({
      message: '用户名或密码不正确 / wrong username or password',
      extensions: {
        code: 'UNAUTHENTICATED',
        reason: 'auth/failed',
        field: 'changePassword.oldPassword',
        messageZh: '用户名或密码不正确',
        messageEn: 'wrong username or password',
      },
    });
    expect(wrong.oldPassword!.map((w) => wordsIn(w, 'en', t))).toEqual(['wrong username or password']);
    const locked = saidByHub({
      message: '已锁定 / locked',
      extensions: { reason: 'auth/locked', messageZh: '已锁定', messageEn: 'locked' },
    });
    expect(Object.keys(locked)).toEqual(['form']);
    expect(firstRefused(locked)).toBeNull();
    expect(saidByHub({ message: 'HTTP 502' }).form!.map((w) => wordsIn(w, 'zh', t))).toEqual(['HTTP 502']);
  });

  it('should check here that each field is filled and the new password is repeated alike', () => {
    expect(saidHere({ oldPassword: '', newPassword: '', repeat: '' })).toEqual({
      oldPassword: [{ key: 'password.requiredOld' }],
      newPassword: [{ key: 'password.requiredNew' }],
    });
    const differ = saidHere({ oldPassword: 'old', newPassword: 'Neu-Pass-2026', repeat: 'Neu-Pass-2025' });
    expect(differ).toEqual({ repeat: [{ key: 'password.mismatch' }] });
    expect(wordsIn({ key: 'password.mismatch' }, 'zh', t)).toBe('«password.mismatch»');
    expect(saidHere({ oldPassword: 'old', newPassword: 'Neu-Pass-2026', repeat: 'Neu-Pass-2026' })).toEqual({});
  });
});
