/**
 * The organisational-life page's view model: the months in view, what the compliance query asks for,
 * the judged branch × month cells from its answer, and the open cell's meetings and what it lacks.
 * Pure: data, language and words in.
 */
import type { ActivityType, OrgLifeComplianceQuery, OrgLifeMeetingsQuery } from '@party-hub/schema/client';
import { parsePeriod } from '@party-hub/schema/indicators';
import type { MeetingRow } from '../../components/org-life/MeetingDialog.vue';
import { monthsBefore } from '../../state/url.ts';
import { judgeCells, monthOf, quarterStart, type Cell } from './options.ts';

/** The 12 months up to `month`, oldest first. */
export const windowMonths = (month: string): string[] => Array.from({ length: 12 }, (_, i) => monthsBefore(month, 11 - i));

/**
 * Meetings from the start of the first month's quarter (a quarterly kind counts those too) to the month's end;
 * the indicators for the period in view (a month, or the quarter or year the month ends).
 */
export function complianceVariables(orgId: string, type: ActivityType, month: string, period: string = month) {
  return { orgId, type, from: `${quarterStart(windowMonths(month)[0])}-01`, to: parsePeriod(month).end, period };
}

/** Every branch × month judged from the meetings held, each branch alive only between its founding and dissolution. */
export function complianceCells(
  d: OrgLifeComplianceQuery,
  branches: { id: string }[],
  month: string,
  cadence: 'MONTH' | 'QUARTER',
): Cell[] {
  const counts = new Map(
    (d.activitiesAggregate?.groups ?? []).flatMap((g) =>
      g.keys.organizationBranch && g.keys.heldOnMonth
        ? [[`${g.keys.organizationBranch.id}|${monthOf(g.keys.heldOnMonth)}`, g.count] as const]
        : [],
    ),
  );
  const life = new Map((d.organizations?.nodes ?? []).map((o) => [o.id, o]));
  const subjects = branches.map((b) => ({ id: b.id, foundedOn: life.get(b.id)?.foundedOn, dissolvedOn: life.get(b.id)?.dissolvedOn }));
  return judgeCells(subjects, windowMonths(month), counts, cadence, month);
}

/** A month on the axis: `10月`, with the year above it on January and on the first month shown. */
export function monthAxisLabel(m: string, first: string, monthText: (n: number) => string): string {
  const text = monthText(Number(m.slice(5)));
  return m.endsWith('-01') || m === first ? `${m.slice(0, 4)}\n${text}` : text;
}

export interface MeetingWords {
  /** `补课`: a make-up meeting's mark. */
  makeup: string;
  /** A status other than held, in words. */
  status: (status: string) => string;
}

/** The open cell's meetings: date, title (a make-up marked), who held it, status unless held, present of counted. */
export function meetingRows(nodes: NonNullable<OrgLifeMeetingsQuery['activities']>['nodes'], words: MeetingWords): MeetingRow[] {
  return nodes.map((a) => ({
    id: a.id,
    heldOn: a.heldOn,
    title: a.title + (a.isMakeup ? `（${words.makeup}）` : ''),
    unit: a.organization.name,
    status: a.status === 'HELD' ? '' : words.status(a.status),
    attendance: a.counted.totalCount ? `${a.present.totalCount} / ${a.counted.totalCount}` : '—',
  }));
}

/** The message key of what a cell lacks (a missed monthly or quarterly meeting, pending, not reported, met). */
export function missingKey(c: Pick<Cell, 'status'>, cadence: 'MONTH' | 'QUARTER'): string {
  return c.status === 'NOT_MET' ? `orgLife.missing.NOT_MET_${cadence}` : `orgLife.missing.${c.status}`;
}
