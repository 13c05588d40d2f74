/**
 * The opening slide, written from the data: what moved most against last month, what is below target,
 * which branches need attention. Pure: the board, the breakdowns and a language in, sentences out.
 * A value that is not there (未填报, 无统计对象) is never a 0: it is not a move, and it is said so.
 */
import { SMALL_BASE } from '@party-hub/schema/indicators';
import { valueWithCounts } from '../../components/attention/counts.ts';
import { definition, formatChange, formatValue, indicatorName, type Lang, type NullReason } from '../../format.ts';
import { MEETING_MESSAGES } from './messages.ts';

export type Status = 'MET' | 'WARNING' | 'NOT_MET' | 'NO_TARGET' | 'IN_PROGRESS';

/** One indicator of `indicators(orgId, period)` (the generated query type fits it). */
export interface BoardValue {
  indicator: { id: string };
  value: number | null;
  nullReason: NullReason | null;
  status: Status | null;
  /** What a rate was counted from (null for counts and sums). */
  numerator?: number | null;
  denominator?: number | null;
  /** A rate over fewer than five: never a mover by its percentage alone. */
  smallBase?: boolean;
  target: { target: number | null; warning?: number | null };
  changeFromPrevious: number | null;
  previous: {
    value: number | null;
    nullReason: NullReason | null;
    smallBase?: boolean;
    numerator?: number | null;
    denominator?: number | null;
  };
}

export interface BranchRow {
  orgId: string;
  name: string;
  value: number | null;
  status: Status | null;
}

/** One key rate broken down to its branches. */
export interface Breakdown {
  indicatorId: string;
  rows: BranchRow[];
}

export interface Mover {
  id: string;
  /** Rates (and 0–100 points) move in points; counts relative to last month: told apart in the text. */
  kind: 'rate' | 'count';
  change: number;
  /** How far the change is beyond what its base allows, as a z-score (see `significance`). */
  score: number;
}
export interface Below {
  id: string;
  status: 'NOT_MET' | 'WARNING';
  /** value as a percentage of the target (null without a usable target). */
  achievement: number | null;
}
export interface BranchAttention {
  orgId: string;
  name: string;
  notMet: string[];
}

export interface Summary {
  movers: Mover[];
  below: Below[];
  notReported: string[];
  branches: BranchAttention[];
  sentences: string[];
}

/** The rates the branches are judged on in the meeting. */
export const KEY_RATES = ['three_meetings_one_lesson_rate', 'theme_party_day_rate', 'org_life_attendance_rate'];
/** How many rates and counts the opening sentence names; how many indicators per status group. */
export const TOP_MOVERS = { rate: 3, count: 2 };
export const TOP_BELOW = 3;
export const TOP_BRANCHES = 5;

const SCALED = new Set(['PERCENT', 'POINTS']);
/** Units that are not things or people counted one by one (those are Poisson counts): rates, points, yuan. */
const NOT_COUNTED = new Set(['YUAN', 'POINTS', 'PERCENT']);

/** A change is a mover at or beyond this z-score (two-sided 5 %). */
export const MOVER_Z = 1.96;

/** A proportion's counts, when they are usable: 0 ≤ x ≤ n, n ≥ SMALL_BASE. */
function proportion(numerator: number | null | undefined, denominator: number | null | undefined): { x: number; n: number } | null {
  if (numerator == null || denominator == null || denominator < SMALL_BASE || numerator < 0 || numerator > denominator) return null;
  return { x: numerator, n: denominator };
}

/** The two-proportion z-score (pooled): (p₁ − p₀) / √(p(1 − p)(1/n₁ + 1/n₀)), p = (x₁ + x₀)/(n₁ + n₀). */
export function twoProportionZ(now: { x: number; n: number }, before: { x: number; n: number }): number {
  const p = (now.x + before.x) / (now.n + before.n);
  const se = Math.sqrt(p * (1 - p) * (1 / now.n + 1 / before.n));
  const diff = now.x / now.n - before.x / before.n;
  return se === 0 ? 0 : diff / se;
}

/**
 * How significant a move is, as a z-score (null: it cannot be judged: a side missing, no change, a small base).
 * The rule, by what is known of the indicator:
 * - a rate (%) with its counts on both sides: the two-proportion z-score (`twoProportionZ`), so 1 of 4 → 3 of 4
 *   (50 points among four people) weighs less than 300 → 330 of 1,000;
 * - a count of things or people (events, people, person-times…): the z-score of two Poisson counts,
 *   (x₁ − x₀) / √(x₁ + x₀), so 1 → 3 is noise and 60 → 20 is not;
 * - anything else (a rate without its counts, the index's points, an amount in yuan): the change against the
 *   indicator's target band |target − warning| (how far apart warning and target are), scaled so that a move across
 *   the whole band scores MOVER_Z; without a band, against 10 points for a rate or half the previous value for an
 *   amount.
 * A small base (the API's `smallBase`: fewer than SMALL_BASE subjects on either side) is never judged, whatever
 * its percentage did.
 */
export function significance(v: BoardValue): number | null {
  const change = v.changeFromPrevious;
  const prev = v.previous.value;
  if (change === null || change === 0 || prev === null || v.value === null || v.smallBase || v.previous.smallBase) return null;
  const unit = definition(v.indicator.id).unit;
  if (unit === 'PERCENT') {
    const now = proportion(v.numerator, v.denominator);
    const before = proportion(v.previous.numerator, v.previous.denominator);
    if (now && before) return Math.abs(twoProportionZ(now, before));
  }
  if (!NOT_COUNTED.has(unit)) return v.value + prev > 0 ? Math.abs(v.value - prev) / Math.sqrt(v.value + prev) : null;
  const { target, warning } = v.target;
  const band = target != null && warning != null ? Math.abs(target - warning) : 0;
  const yardstick = band > 0 ? band : SCALED.has(unit) ? 10 : Math.abs(prev) / 2;
  return yardstick > 0 ? (MOVER_Z * Math.abs(change)) / yardstick : null;
}

/** The value as a percentage of its target, in the indicator's direction (lower-is-better inverted). */
export function achievement(id: string, value: number | null, target: number | null): number | null {
  if (value === null || target === null || target === 0) return null;
  if (definition(id).direction === 'LOWER') return value === 0 ? 100 : (100 * target) / value;
  return (100 * value) / target;
}

/** `{name}` placeholders filled from `vars`. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

const STATUS_RANK: Record<Below['status'], number> = { NOT_MET: 0, WARNING: 1 };
const byAchievement = (a: Below, b: Below) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.achievement ?? Infinity) - (b.achievement ?? Infinity);

/**
 * What moved beyond what its base allows, most significant first (`significance`), like for like at each
 * indicator's grain (the server compares so); small bases never count.
 */
export function movers(board: BoardValue[]): Mover[] {
  const out: Mover[] = [];
  for (const v of board) {
    const score = significance(v);
    const kind = SCALED.has(definition(v.indicator.id).unit) ? 'rate' : 'count';
    if (score !== null && score >= MOVER_Z) out.push({ id: v.indicator.id, kind, change: v.changeFromPrevious as number, score });
  }
  return out.toSorted((a, b) => b.score - a.score);
}

export function belowTarget(board: BoardValue[]): Below[] {
  return board
    .filter((v) => v.value !== null && (v.status === 'NOT_MET' || v.status === 'WARNING'))
    .map((v) => ({
      id: v.indicator.id,
      status: v.status as Below['status'],
      achievement: achievement(v.indicator.id, v.value, v.target.target),
    }))
    .toSorted(byAchievement);
}

/** Branches with a NOT_MET key rate, most misses first (ties by name); a missing value is not a miss. */
export function branchesNeedingAttention(breakdowns: Breakdown[], lang: Lang): BranchAttention[] {
  const byOrg = new Map<string, BranchAttention>();
  for (const b of breakdowns)
    for (const r of b.rows) {
      if (r.status !== 'NOT_MET' || r.value === null) continue;
      const e = byOrg.get(r.orgId) ?? { orgId: r.orgId, name: r.name, notMet: [] };
      e.notMet.push(b.indicatorId);
      byOrg.set(r.orgId, e);
    }
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en');
  return [...byOrg.values()].toSorted((a, b) => b.notMet.length - a.notMet.length || collator.compare(a.name, b.name));
}

type Words = (typeof MEETING_MESSAGES)['zh']['summary'];
/** What each sentence reads: the board by id, the words and the language. */
interface Writing {
  byId: ReadonlyMap<string, BoardValue>;
  m: Words;
  lang: Lang;
}

/** This period's value, a rate with its counts (`50.0%（2/4）`). */
const valueText = ({ byId, lang }: Writing, id: string) => {
  const v = byId.get(id);
  return v ? valueWithCounts(v, lang) : formatValue(id, null, null, lang);
};
/** The previous period's value, a rate with its counts. */
const previousText = ({ byId, lang }: Writing, id: string) => {
  const prev = byId.get(id)?.previous;
  return prev ? valueWithCounts({ indicator: { id }, ...prev }, lang) : formatValue(id, null, null, lang);
};
const listText = ({ m }: Writing, items: string[]) => items.join(m.listSep);
/** A sentence that does not open the paragraph starts with a capital (English; Chinese has none). */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `与上期相比（…），变动显著的比率有…。变动显著的数量有…。`: rates and counts named apart, most significant first,
 * each with where it came from and where it went (a rate with its counts).
 */
function moversSentence(moved: Mover[], w: Writing): string {
  const { m, lang } = w;
  const moverText = (x: Mover) =>
    fill(m.moverItem, {
      name: indicatorName(x.id, lang),
      dir: x.change > 0 ? m.up : m.down,
      change: formatChange(x.id, Math.abs(x.change), lang)?.replace(/^\+/, '') ?? '',
      from: previousText(w, x.id),
      to: valueText(w, x.id),
    });
  const parts = (['rate', 'count'] as const)
    .map((k) => [k === 'rate' ? m.moverRates : m.moverCounts, moved.filter((x) => x.kind === k).slice(0, TOP_MOVERS[k])] as const)
    .filter(([, xs]) => xs.length)
    .map(([t, xs], i) => (i === 0 ? m.moversIntro : '') + fill(i === 0 ? t : capital(t), { list: xs.map(moverText).join(m.itemSep) }));
  return parts.length ? parts.join(m.sentenceSep) + m.end : m.noMovers;
}

/** `有 N 项指标低于目标。未达标：…；…。预警：…。` (at most TOP_BELOW named per group, each value with its counts). */
function belowSentence(below: Below[], w: Writing): string {
  const { byId, m, lang } = w;
  const item = (b: Below) =>
    fill(m.belowItem, {
      name: indicatorName(b.id, lang),
      value: valueText(w, b.id),
      target: formatValue(b.id, byId.get(b.id)?.target.target, null, lang),
    });
  const capped = (g: readonly Below[]) =>
    g.slice(0, TOP_BELOW).map(item).join(m.itemSep) +
    (g.length > TOP_BELOW ? fill(m.more, { n: g.length, rest: g.length - TOP_BELOW }) : '');
  const groups = [
    [m.belowGroupNotMet, below.filter((b) => b.status === 'NOT_MET')],
    [m.belowGroupWarning, below.filter((b) => b.status === 'WARNING')],
  ] as const;
  const parts = groups.filter(([, g]) => g.length).map(([t, g]) => fill(t, { list: capped(g) }));
  return below.length ? fill(m.below, { n: below.length, list: parts.join(m.sentenceSep) }) : m.noBelow;
}

/** `N 个支部在重点比率（…）上未达标，最需关注的是…。`, or that none did, or that there is no branch data. */
function branchesSentence(branches: BranchAttention[], breakdowns: Breakdown[], w: Writing): string {
  const { m, lang } = w;
  if (!breakdowns.some((b) => b.rows.length > 0)) return m.noBranchData;
  const indicators = listText(
    w,
    breakdowns.map((b) => indicatorName(b.indicatorId, lang)),
  );
  if (!branches.length) return fill(m.noBranches, { indicators });
  const items = branches.slice(0, TOP_BRANCHES).map((b) => fill(m.branchItem, { name: b.name, count: b.notMet.length }));
  return fill(m.branches, { n: branches.length, indicators, list: listText(w, items) });
}

/** The opening slide: movers, what is below target, what was not reported (if anything), the branches. */
export function summarise(board: BoardValue[], breakdowns: Breakdown[], lang: Lang): Summary {
  const w: Writing = { byId: new Map(board.map((v) => [v.indicator.id, v])), m: MEETING_MESSAGES[lang].summary, lang };
  const moved = movers(board);
  const below = belowTarget(board);
  const notReported = board.filter((v) => v.value === null && v.nullReason === 'NOT_REPORTED').map((v) => v.indicator.id);
  const branches = branchesNeedingAttention(breakdowns, lang);
  // A month without any value says so, rather than that every indicator met its target (vacuously true).
  if (board.length && board.every((v) => v.value === null)) return { movers: moved, below, notReported, branches, sentences: [w.m.noData] };
  const sentences = [
    moversSentence(moved, w),
    belowSentence(below, w),
    ...(notReported.length
      ? [
          fill(w.m.notReported, {
            list: listText(
              w,
              notReported.map((id) => indicatorName(id, lang)),
            ),
          }),
        ]
      : []),
    branchesSentence(branches, breakdowns, w),
  ];
  return { movers: moved, below, notReported, branches, sentences };
}
