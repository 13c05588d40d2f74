/**
 * The honors page's view model: the counts per level and year, and the list's rows, where an honor to
 * a person shows only the unit it belongs to, never the name, and the list's filter (level, category, kind of
 * issuer, words in the title, the issuer or the recipient) as the API's HonorFilter. Pure: data, language and words in.
 */
import type {
  HonorCategory,
  HonorFilter,
  HonorIssuerKind,
  HonorLevel,
  HonorsByLevelQuery,
  HonorsListQuery,
} from '@party-hub/schema/client';
import { HonorCategoryLabels, HonorIssuerKindLabels, HonorLevelLabels } from '@party-hub/schema/labels';
import type { HonorRow } from '../../components/honors/HonorsTable.vue';
import type { Lang } from '../../format.ts';
import { enumLabel } from '../../labels.ts';
import { yearOf, type LevelYearCount } from './options.ts';

/** The aggregate's groups with both keys, as level, year and count. */
export function levelYearCounts(groups: NonNullable<HonorsByLevelQuery['honorsAggregate']>['groups']): LevelYearCount[] {
  return groups.flatMap((g) =>
    g.keys.level && g.keys.awardedOnYear ? [{ level: g.keys.level, year: yearOf(g.keys.awardedOnYear), count: g.count }] : [],
  );
}

type Honor = NonNullable<HonorsListQuery['honors']>['nodes'][number];

/** Where an honor belongs: its department, organisation or hospital; a person's honor says only that unit. */
export function recipientText(h: Honor, person: (unit: string) => string): string {
  const unit = h.department?.name ?? h.organization?.name ?? h.hospital.name;
  return h.recipientType === 'PERSON' ? person(unit) : unit;
}

/**
 * The list's rows, with levels and categories in words. Honours that read the same (ten people of one unit given
 * the same honour on the same day: names are never shown) are one row with how many there are, not ten rows alike.
 */
export function honorRows(nodes: Honor[], lang: Lang, person: (unit: string) => string): HonorRow[] {
  const rows: HonorRow[] = [];
  for (const h of nodes) {
    const row = {
      id: h.id,
      date: h.awardedOn,
      title: h.title,
      level: enumLabel(HonorLevelLabels, h.level, lang),
      category: enumLabel(HonorCategoryLabels, h.category, lang),
      issuer: h.issuer ?? '—',
      recipient: recipientText(h, person),
      count: 1,
    };
    const last = rows.at(-1);
    if (last && sameText(last, row)) last.count++;
    else rows.push(row);
  }
  return rows;
}

const sameText = (a: HonorRow, b: HonorRow) =>
  a.date === b.date &&
  a.title === b.title &&
  a.level === b.level &&
  a.category === b.category &&
  a.issuer === b.issuer &&
  a.recipient === b.recipient;

/** The levels to choose from, highest first. */
export const HONOR_LEVELS: readonly HonorLevel[] = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'SECTOR', 'COUNTY', 'HOSPITAL', 'UNSPECIFIED'];
export const HONOR_CATEGORIES = Object.keys(HonorCategoryLabels) as HonorCategory[];
export const HONOR_ISSUER_KINDS = Object.keys(HonorIssuerKindLabels) as HonorIssuerKind[];

/** The list's filter as the URL holds it (`?level=MUNICIPAL&category=PARTY&issuer=GOVERNMENT&q=护理`); '' is all. */
export interface HonorChoice {
  level: string;
  category: string;
  issuer: string;
  q: string;
}

const oneOf = <T extends string>(values: readonly T[], v: string): T | null => (values.includes(v as T) ? (v as T) : null);

/** What of the choice the list applies: a value the API does not know (a stale or mistyped link) is no filter. */
export function honorChoice(c: HonorChoice): {
  level: HonorLevel | null;
  category: HonorCategory | null;
  issuer: HonorIssuerKind | null;
  q: string;
} {
  return {
    level: oneOf(HONOR_LEVELS, c.level),
    category: oneOf(HONOR_CATEGORIES, c.category),
    issuer: oneOf(HONOR_ISSUER_KINDS, c.issuer),
    q: c.q.trim(),
  };
}

/** Whether the choice narrows the list at all. */
export function isFiltered(c: HonorChoice): boolean {
  const x = honorChoice(c);
  return !!(x.level || x.category || x.issuer || x.q);
}

/**
 * The API's filter for the subtree's honours up to `to`, narrowed by the choice. The words match what a row shows:
 * the title, the issuer, and the recipient's unit (its department, else its organisation, else the hospital: see
 * `recipientText`), case-insensitively.
 */
export function honorFilter(orgId: string, to: string, choice: HonorChoice): HonorFilter {
  const { level, category, issuer, q } = honorChoice(choice);
  const has = { contains: q };
  return {
    orgId,
    awardedOn: { lte: to },
    ...(level ? { level: { eq: level } } : {}),
    ...(category ? { category: { eq: category } } : {}),
    ...(issuer ? { issuerKind: { eq: issuer } } : {}),
    ...(q
      ? {
          or: [
            { title: has },
            { issuer: has },
            { department: { name: has } },
            { departmentId: { isNull: true }, organization: { name: has } },
            { departmentId: { isNull: true }, organizationId: { isNull: true }, hospital: { name: has } },
          ],
        }
      : {}),
  };
}
