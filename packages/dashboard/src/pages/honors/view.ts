/**
 * The honors page's view model: the counts per level and year, and the list's rows, where an honor to
 * a person shows only the unit it belongs to, never the name. Pure: data, language and words in.
 */
import type { HonorsByLevelQuery, HonorsListQuery } from '@party-hub/schema/client';
import { HonorCategoryLabels, HonorLevelLabels } from '@party-hub/schema/labels';
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
