/**
 * Who enters data (录入, 导入): committee members (党办) and branch secretaries, each within their scope; the
 * hub refuses analysts, administrators and wall displays anyway, so their menu does not offer it.
 */
interface Who {
  role: string;
  display?: boolean | null;
}

export const mayEnterData = (a: Who | null | undefined): boolean => !!a && !a.display && (a.role === 'COMMITTEE' || a.role === 'SECRETARY');

/** The data-entry pages for an account's menu: path and message key. */
export function entryLinks(a: Who | null | undefined): { to: string; key: string }[] {
  return mayEnterData(a)
    ? [
        { to: '/entry', key: 'entry' },
        { to: '/import', key: 'import' },
      ]
    : [];
}
