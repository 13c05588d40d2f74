/**
 * Who may open the administrator's pages, and the small pure pieces they share (tested in Node): role admin
 * manages accounts; the audit grant (审计管理员, any role) reads the audit log. The hub refuses everyone else
 * anyway (auth/forbidden); this only keeps the menu and the pages honest about it.
 */
import type { HubGraphQLError } from '../../api/client.ts';

interface Who {
  role: string;
  auditReader: boolean;
}

export const mayManageAccounts = (a: Who | null | undefined): boolean => a?.role === 'ADMIN';
export const mayReadAudit = (a: Who | null | undefined): boolean => a?.auditReader === true;

/** The administrator's pages for an account's menu: path and message key. */
export function adminLinks(a: Who | null | undefined): { to: string; key: string }[] {
  return [
    ...(mayManageAccounts(a) ? [{ to: '/admin/accounts', key: 'accounts' }] : []),
    ...(mayReadAudit(a) ? [{ to: '/admin/audit', key: 'audit' }] : []),
  ];
}

/** A refused input's problems by the last part of their field path (`createAccount.input.scopes.0.organizationId` → `organizationId`). */
export function problemsByField(e: HubGraphQLError, lang: 'zh' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  const problems = e.extensions?.problems ?? [];
  for (const p of problems) {
    const key =
      p.field
        .split('.')
        .filter((s) => !/^\d+$/.test(s))
        .at(-1) ?? 'form';
    out[key] ??= lang === 'en' ? p.en : p.zh;
  }
  if (!problems.length && e.extensions?.field)
    out[e.extensions.field.split('.').at(-1)!] =
      lang === 'en' ? (e.extensions.messageEn ?? e.message) : (e.extensions.messageZh ?? e.message);
  return out;
}

/** Yesterday in Beijing (YYYY-MM-DD): the last day of a scope that ends now. */
export function yesterdayInBeijing(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

/** A time as the pages write it, in Beijing: 2026-12-03 13:05. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The export's address for a filter (empty fields left out). */
export function exportHref(f: { from?: string; to?: string; actor?: string; actionPrefix?: string }): string {
  const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const s = q.toString();
  return `/admin/audit.csv${s ? `?${s}` : ''}`;
}
