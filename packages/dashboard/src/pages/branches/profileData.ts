/**
 * The branch profile's data, asked as the role may: the committee and a secretary read the whole profile
 * (BranchProfile: the organisation by `node`, its sitting secretary, birth years for the age bands); an
 * analyst reads no person's row and no `node`, so its profile (BranchProfileAggregates) comes from the list
 * and aggregates alone, with groups of too few people withheld (null, never 0) and no secretary.
 */
import { BranchProfileAggregatesDocument, BranchProfileDocument, type BranchProfileQuery } from '@party-hub/schema/client';
import { request } from '../../api/client.ts';
import { ageBands, AGE_BANDS } from './options.ts';
import { profileOrg, type ProfileOrg } from './profile.ts';

export interface ProfileVars {
  id: string;
  ids: string[];
  period: string;
  from: string;
  to: string;
  /** The year ages are reached in. */
  year: number;
}

/** People per key; null: the hub withheld the group (too few people). */
export interface KeyCount {
  key: string | null;
  count: number | null;
}

export interface ProfileData {
  /** The organisation (an analyst's has no secretary: `positions` absent). */
  org: (Omit<ProfileOrg, 'positions'> & { positions?: ProfileOrg['positions'] }) | null;
  indicators: NonNullable<BranchProfileQuery['indicators']>['values'];
  stages: KeyCount[];
  education: KeyCount[];
  titles: KeyCount[];
  ages: { bands: { key: string; count: number | null }[]; unknown: number | null };
  /** Full and probationary members; null: withheld. */
  members: number | null;
  days: NonNullable<BranchProfileQuery['days']>['groups'];
  honors: NonNullable<BranchProfileQuery['honors']>['nodes'];
}

const counts = <G extends { count: number | null; suppressed?: boolean }>(groups: readonly G[] | undefined, key: (g: G) => string | null) =>
  (groups ?? []).map((g) => ({ key: key(g), count: g.suppressed ? null : g.count }));

/** The bands' edges asked of the hub: its `<31`, `31–40` … `≥61` are AGE_BANDS in order. */
export const AGE_EDGES = [31, 41, 51, 61];

/** AGE_BANDS' key of a band the hub named (`<31` → le30, `41–50` → 41to50, `≥61` → gt60); null: no birth year. */
export function ageBandKey(label: string | null): string | null {
  if (label === null) return null;
  const first = Number(/\d+/.exec(label)?.[0]);
  const i = label.startsWith('<') ? 0 : label.startsWith('≥') ? AGE_EDGES.length : AGE_EDGES.indexOf(first) + 1;
  return AGE_BANDS[i]?.key ?? null;
}

/** Age bands from the hub's groups: a withheld band is null, and so is `unknown` when that group is withheld. */
export function agesFromGroups(groups: readonly KeyCount[]): ProfileData['ages'] {
  const bands = AGE_BANDS.map((b) => {
    const mine = groups.filter((g) => ageBandKey(g.key) === b.key);
    return { key: b.key, count: mine.some((g) => g.count === null) ? null : mine.reduce((n, g) => n + (g.count ?? 0), 0) };
  });
  const unknown = groups.filter((g) => g.key === null);
  return { bands, unknown: unknown.some((g) => g.count === null) ? null : unknown.reduce((n, g) => n + (g.count ?? 0), 0) };
}

function fullProfile(d: BranchProfileQuery, year: number): ProfileData {
  return {
    org: profileOrg(d.node),
    indicators: d.indicators?.values ?? [],
    stages: counts(d.stages?.groups, (g) => g.keys.politicalStatus),
    education: counts(d.education?.groups, (g) => g.keys.education),
    titles: counts(d.titles?.groups, (g) => g.keys.professionalTitle),
    ages: ageBands(
      (d.births?.nodes ?? []).map((n) => n.birthYear),
      year,
    ),
    members: d.births?.totalCount ?? 0,
    days: d.days?.groups ?? [],
    honors: d.honors?.nodes ?? [],
  };
}

async function analystProfile(v: ProfileVars, signal: AbortSignal): Promise<ProfileData> {
  const d = await request(BranchProfileAggregatesDocument, v, signal);
  const total = d.members?.groups[0];
  return {
    org: d.organizations?.nodes[0] ?? null,
    indicators: d.indicators?.values ?? [],
    stages: counts(d.stages?.groups, (g) => g.keys.politicalStatus),
    education: counts(d.education?.groups, (g) => g.keys.education),
    titles: counts(d.titles?.groups, (g) => g.keys.professionalTitle),
    ages: agesFromGroups(counts(d.ages?.groups, (g) => g.keys.ageBand)),
    members: total ? (total.suppressed ? null : total.count) : 0,
    days: d.days?.groups ?? [],
    honors: d.honors?.nodes ?? [],
  };
}

/** A loader for `useQuery`: the profile as the role may read it (`analyst`: aggregates only). */
export function profileLoader(analyst: () => boolean) {
  return async (v: ProfileVars, signal: AbortSignal): Promise<ProfileData> => {
    if (analyst()) return analystProfile(v, signal);
    const { year, ...vars } = v;
    return fullProfile(await request(BranchProfileDocument, vars, signal), year);
  };
}
