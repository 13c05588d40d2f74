import { describe, expect, it } from 'vitest';
import { adminLinks, beijingTime, exportHref, mayManageAccounts, mayReadAudit, problemsByField, yesterdayInBeijing } from './access.ts';

describe('admin/access', () => {
  it('should offer account management to admins only and the audit log to the grant only, whatever the role', () => {
    expect(adminLinks({ role: 'ADMIN', auditReader: false }).map((l) => l.key)).toEqual(['accounts']);
    expect(adminLinks({ role: 'ANALYST', auditReader: true }).map((l) => l.key)).toEqual(['audit']);
    expect(adminLinks({ role: 'COMMITTEE', auditReader: false })).toEqual([]);
    expect(adminLinks(null)).toEqual([]);
    expect(mayManageAccounts({ role: 'SECRETARY', auditReader: true })).toBe(false);
    expect(mayReadAudit({ role: 'ADMIN', auditReader: false })).toBe(false);
  });

  it('should put each refused field’s words beside the field its path ends with', () => {
    const e = {
      message: 'x / y',
      extensions: {
        problems: [
          { field: 'createAccount.input.scopes.0.organizationId', reason: 'id/not_found', zh: '不存在', en: 'does not exist' },
          { field: 'createAccount.input.temporaryPassword', reason: 'password/common', zh: '常见密码', en: 'common' },
        ],
      },
    };
    expect(problemsByField(e, 'zh')).toEqual({ organizationId: '不存在', temporaryPassword: '常见密码' });
    expect(problemsByField({ message: 'a / b', extensions: { field: 'unlock.address', messageEn: 'not an IP address' } }, 'en')).toEqual({
      address: 'not an IP address',
    });
  });

  it('should write Beijing days and times, and the export’s address without empty fields', () => {
    expect(yesterdayInBeijing(Date.parse('2026-12-03T17:00:00Z'))).toBe('2026-12-03'); // 01:00 on the 4th in Beijing
    expect(beijingTime('2026-12-03T05:05:00.000Z')).toBe('2026-12-03 13:05');
    expect(exportHref({ from: '2026-12-01', to: '', actor: '王书记' })).toBe(
      '/admin/audit.csv?from=2026-12-01&actor=%E7%8E%8B%E4%B9%A6%E8%AE%B0',
    );
    expect(exportHref({})).toBe('/admin/audit.csv');
  });
});
