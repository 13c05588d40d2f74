/**
 * The branch profile's view model: the branch's facts, its values this month as tiles, and member
 * counts by education and title in a fixed order. Pure: the profile's answer, language and words in.
 */
import type { BranchProfileQuery } from '@party-hub/schema/client';
import { formatValue, indicatorName, nullNote, withheldText, type Lang } from '../../format.ts';
import type { Translate } from '../../i18n.ts';
import { enumLabel, type EnumLabels } from '../../labels.ts';

export type ProfileOrg = Extract<NonNullable<BranchProfileQuery['node']>, { name: string }>;

/** The node asked for, if it is an organisation (another kind of node, or none: null). */
export const profileOrg = (node: BranchProfileQuery['node'] | undefined): ProfileOrg | null =>
  node && 'name' in node ? (node as ProfileOrg) : null;

/** The bars' order: lowest degree first, then the titles from none to full senior. */
export const EDUCATION = ['COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE', 'OTHER'];
export const TITLES = ['NONE', 'JUNIOR', 'INTERMEDIATE', 'SENIOR_ASSOCIATE', 'SENIOR_FULL'];

/** The sitting secretary in words: department head or not, “dual leader” or not; or none. */
export function secretaryText(o: FactsOrg, t: Translate): string {
  // An analyst reads no Position (a person's row): its profile has none to show.
  if (!o.positions) return t('branches.secretaryAnalyst');
  const sec = o.positions.nodes[0];
  if (!sec) return t('branches.secretaryNone');
  const head = sec.isDeptHead ? t('branches.secretaryDeptHead') : t('branches.secretaryNotDeptHead');
  return sec.isDualLeader ? `${head} · ${t('branches.secretaryDual')}` : head;
}

/** The organisation as the facts need it: an analyst's has no `positions`. */
export type FactsOrg = Omit<ProfileOrg, 'positions'> & { positions?: ProfileOrg['positions'] };

/**
 * Parent, founding, term, secretary and members (full and probationary), as label and value; members
 * withheld (null: too few people for an analyst) read 人数过少·已隐藏 with the reason, never 0.
 */
export function branchFacts(
  o: FactsOrg,
  members: number | null,
  t: Translate,
  lang: Lang = 'zh',
): { label: string; value: string; withheld?: string | null }[] {
  const term = o.termStart ? t('branches.termText', { start: o.termStart, years: o.termYears ?? '—' }) : '—';
  return [
    { label: t('branches.parent'), value: o.parent?.name ?? '—' },
    { label: t('branches.founded'), value: o.foundedOn ?? '—' },
    { label: t('branches.term'), value: term },
    { label: t('branches.secretary'), value: secretaryText(o, t) },
    members === null
      ? { label: t('branches.members'), value: withheldText(lang), withheld: nullNote('SUPPRESSED', lang) }
      : { label: t('branches.members'), value: `${members} ${t('branches.people')}` },
  ];
}

/** The month's values as tiles: name, value in words (未填报, never 0), status. */
export function valueTiles(values: NonNullable<BranchProfileQuery['indicators']>['values'], lang: Lang) {
  return values.map((v) => ({
    id: v.indicator.id,
    name: indicatorName(v.indicator.id, lang),
    text: formatValue(v.indicator.id, v.value, v.nullReason, lang),
    missing: v.value === null,
    withheld: v.value === null ? nullNote(v.nullReason, lang) : null,
    status: v.status,
  }));
}

/**
 * People per key, in the order of `keys` (a key nobody has counts 0; groups of one key are summed); a key
 * whose group the hub withheld (count null: too few people) stays null, a gap and never 0.
 */
export function countsByKey(
  keys: readonly string[],
  groups: { key: string | null; count: number | null }[],
  labels: EnumLabels,
  lang: Lang,
): { label: string; count: number | null }[] {
  return keys.map((k) => {
    const mine = groups.filter((g) => g.key === k);
    return {
      label: enumLabel(labels, k, lang),
      count: mine.some((g) => g.count === null) ? null : mine.reduce((n, g) => n + (g.count ?? 0), 0),
    };
  });
}
