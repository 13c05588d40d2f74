import { AccountRoleLabels } from '@party-hub/schema/labels';
import { describe, expect, it } from 'vitest';
import en from './locales/en.ts';
import zhCN from './locales/zh-CN.ts';

type Tree = { [k: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const values = (t: Tree): string[] => Object.values(t).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));

describe('dashboard/i18n', () => {
  it('should have the same keys in Chinese and English, none empty', () => {
    expect(keys(en as Tree).toSorted()).toEqual(keys(zhCN as Tree).toSorted());
    for (const v of [...values(en), ...values(zhCN)]) expect(v.trim()).not.toBe('');
  });

  it('should default to Simplified Chinese and remember a saved choice', async () => {
    const { initialLocale } = await import('./i18n.ts');
    expect(initialLocale(undefined)).toBe('zh-CN');
    expect(initialLocale({ getItem: () => 'en' })).toBe('en');
    expect(initialLocale({ getItem: () => 'fr' })).toBe('zh-CN');
  });

  it("should name every account role the contract has, in the header's words", () => {
    const roles = Object.keys(AccountRoleLabels).toSorted();
    expect(Object.keys(zhCN.account.roles).toSorted()).toEqual(roles);
    expect(Object.keys(en.account.roles).toSorted()).toEqual(roles);
    expect(zhCN.account.roles.COMMITTEE).toBe('党委（党办）');
  });
});
