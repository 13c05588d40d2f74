/**
 * The comparison as the reader arranges it: sorted by one indicator (worst first by the indicator's
 * direction, a missing value always last), cut to the worst or best N, grouped under each branch's
 * general branch (党总支), a value opening its evidence, and the break opportunities of a header.
 */
import { indicator } from '@party-hub/schema/indicators';
import type { LocationQuery, RouteLocationRaw } from 'vue-router';
import type { CompareRow } from './options.ts';

/** Which end comes first: the worst values or the best. */
export type SortDir = 'worst' | 'best';

/** Lowest is worst unless lower is better (a context-only indicator, with no better, sorts lowest first too). */
export const lowIsWorst = (id: string): boolean => indicator(id)?.direction !== 'LOWER';

/** Whether the indicator has a better and a worse (a context-only one has only a higher and a lower). */
export const isJudged = (id: string): boolean => (indicator(id)?.direction ?? 'CONTEXT') !== 'CONTEXT';

/** The order of the values for `aria-sort`: worst first on a higher-is-better indicator is ascending. */
export function valueOrder(id: string, dir: SortDir): 'ascending' | 'descending' {
  return lowIsWorst(id) === (dir === 'worst') ? 'ascending' : 'descending';
}

const valueOf = (r: CompareRow, id: string) => r.cells[id]?.value ?? null;

/** Rows by their value on `id` in `dir` order (ties keep their order); rows without a value last, whichever way. */
export function sortRows(rows: readonly CompareRow[], id: string, dir: SortDir): CompareRow[] {
  const sign = valueOrder(id, dir) === 'ascending' ? 1 : -1;
  const valued = rows.filter((r) => valueOf(r, id) !== null);
  const missing = rows.filter((r) => valueOf(r, id) === null);
  return [...valued.toSorted((a, b) => sign * (valueOf(a, id)! - valueOf(b, id)!)), ...missing];
}

/** What `?show=` offers: every branch, or the worst or best 5 or 10 on the sort indicator. */
export const SHOW_CHOICES = ['all', 'worst5', 'best5', 'worst10', 'best10'] as const;
export interface Show {
  side: SortDir;
  n: number;
}

/** `worst5` → the 5 worst; anything not offered → every branch (null). */
export function parseShow(raw: string): Show | null {
  const m = /^(worst|best)(\d+)$/.exec(raw);
  return m && (SHOW_CHOICES as readonly string[]).includes(raw) ? { side: m[1] as SortDir, n: Number(m[2]) } : null;
}

/**
 * The N worst (or best) rows on `id`, in their given order. Only rows with a value are ranked: a branch
 * that has not reported is neither worst nor best (the page says how many were left out).
 */
export function pickShown(rows: readonly CompareRow[], id: string, show: Show): CompareRow[] {
  const keep = new Set(
    sortRows(rows, id, show.side)
      .filter((r) => valueOf(r, id) !== null)
      .slice(0, show.n),
  );
  return rows.filter((r) => keep.has(r));
}

export interface ViewState {
  /** `?sort=`: an indicator id; one not compared means no sort. */
  sort: string;
  dir: SortDir;
  /** `?show=`: one of SHOW_CHOICES. */
  show: string;
}
export interface CompareView {
  rows: CompareRow[];
  /** The indicator the rows are ordered (and cut) by; null: the tree's order. */
  sortId: string | null;
  /** Every branch in view, before the cut. */
  total: number;
  /** Branches without a value on the sort indicator (last in a sort, left out of a cut). */
  unranked: number;
}

/** The rows to draw: cut to the worst or best N (on the first indicator when none is chosen), then sorted. */
export function compareView(rows: readonly CompareRow[], ids: readonly string[], state: ViewState): CompareView {
  const show = parseShow(state.show);
  const sortId = ids.includes(state.sort) ? state.sort : show ? (ids[0] ?? null) : null;
  if (!sortId) return { rows: [...rows], sortId: null, total: rows.length, unranked: 0 };
  const picked = show ? pickShown(rows, sortId, show) : rows;
  const unranked = rows.filter((r) => valueOf(r, sortId) === null).length;
  return { rows: sortRows(picked, sortId, state.dir), sortId, total: rows.length, unranked };
}

/** An organisation of the tree as grouping reads it. */
export interface TreeOrg {
  id: string;
  name: string;
  kind: string;
  parent: { id: string } | null;
}
export interface RowGroup {
  /** The general branch (or committee); '' for branches with nothing above them. */
  id: string;
  name: string;
  rows: CompareRow[];
}

/** A branch's general branch: its nearest 党总支 above, else the nearest 党委, else whatever is above it. */
export function generalBranchOf(id: string, byId: ReadonlyMap<string, TreeOrg>): TreeOrg | null {
  let fallback: TreeOrg | null = null;
  const seen = new Set([id]);
  for (let o = byId.get(byId.get(id)?.parent?.id ?? ''); o && !seen.has(o.id); o = byId.get(o.parent?.id ?? '')) {
    if (o.kind === 'GENERAL_BRANCH') return o;
    if (!fallback || (o.kind === 'COMMITTEE' && fallback.kind !== 'COMMITTEE')) fallback = o;
    seen.add(o.id);
  }
  return fallback;
}

/** The rows under their general branches: groups in the tree's order, rows in the order given. */
export function groupRows(rows: readonly CompareRow[], tree: readonly TreeOrg[]): RowGroup[] {
  const byId = new Map(tree.map((o) => [o.id, o]));
  const position = new Map(tree.map((o, i) => [o.id, i]));
  const groups = new Map<string, RowGroup>();
  for (const r of rows) {
    const g = generalBranchOf(r.id, byId);
    const key = g?.id ?? '';
    if (!groups.has(key)) groups.set(key, { id: key, name: g?.name ?? '', rows: [] });
    groups.get(key)!.rows.push(r);
  }
  const at = (g: RowGroup) => position.get(g.id) ?? Infinity;
  return [...groups.values()].toSorted((a, b) => at(a) - at(b));
}

/** The query parameters of this page's own view: an indicator's page has no use for them. */
export const VIEW_KEYS = ['ids', 'sort', 'dir', 'show', 'group'] as const;

/** A branch's evidence on one indicator: the indicator's page for that branch, keeping period, theme, lang and the rest. */
export function evidenceLink(query: LocationQuery, indicatorId: string, branchId: string): RouteLocationRaw {
  const kept = Object.fromEntries(Object.entries(query).filter(([k]) => !(VIEW_KEYS as readonly string[]).includes(k)));
  return { path: `/indicators/${indicatorId}`, query: { ...kept, org: branchId } };
}

const OPENERS = '“‘（(《「【';
const CLOSERS = '”’）)》」】';
/** One-character words that lead the next (党组织, 新发展党员) where Intl.Segmenter leaves them alone. */
const PREFIXES = '党新';
const isPunct = (s: string) => /^[\p{P}\s]+$/u.test(s);

/**
 * A header's pieces between which a line may break: in Chinese the words Intl.Segmenter finds, a
 * one-character word kept with the word before (出席率, 党员数) or after (党支部), punctuation with the
 * word before, and a quote or bracket whole (“三会一课”), so a header never breaks inside 达标率.
 * English breaks at its spaces already: one piece.
 */
export function headerWords(text: string, lang: 'zh' | 'en'): string[] {
  if (lang !== 'zh' || typeof Intl.Segmenter !== 'function') return [text];
  const out: string[] = [];
  let depth = 0;
  let lead = '';
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    const piece = lead + segment;
    lead = depth === 0 && segment.length === 1 && PREFIXES.includes(segment) ? piece : '';
    if (lead) continue;
    const opens = OPENERS.includes(segment[0] ?? '');
    const glue = out.length > 0 && (depth > 0 || (!opens && (segment.length === 1 || isPunct(segment))));
    if (glue) out[out.length - 1] += piece;
    else out.push(piece);
    for (const ch of segment) depth = Math.max(0, depth + (OPENERS.includes(ch) ? 1 : CLOSERS.includes(ch) ? -1 : 0));
  }
  if (lead) out.push(lead);
  return out;
}

/**
 * Words packed into lines at most `width` wide (by default in characters; `measure` gives a word's width),
 * a line breaking only between words (a wider word alone on its line).
 */
export function packLines(words: readonly string[], width: number, measure: (w: string) => number = (w) => w.length): string {
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.length - 1;
    if (last >= 0 && measure(lines[last]) + measure(w) <= width) lines[last] += w;
    else lines.push(w);
  }
  return lines.join('\n');
}
