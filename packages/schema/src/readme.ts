/** The README's indicator table, generated from the catalog (`pnpm indicators:readme` writes it; a test compares). */
import { CATEGORIES, INDICATORS, ROLLUPS, UNITS, type Indicator } from './catalog.ts';
import { paceRule } from './judgement.ts';

export const README_BEGIN = '<!-- indicator-catalog:begin (generated from packages/schema/src/catalog.ts) -->';
export const README_END = '<!-- indicator-catalog:end -->';

const ARROW = { HIGHER: '↑', LOWER: '↓', CONTEXT: '◇' } as const;
const GRAIN = { MONTH: '月 month', QUARTER: '季 quarter', YEAR: '年 year', YTD: 'YTD', QTD: 'QTD' } as const;
const PACE = { PRORATED: 'pro-rated', TO_DATE: 'to date' } as const;

const pace = (d: Indicator) => {
  const rule = paceRule(d);
  return rule ? PACE[rule] : '—';
};

const target = (d: Indicator) => (d.target == null ? '—' : `${d.target}${d.unit === 'PERCENT' ? ' %' : ''} (预警 ${d.warning ?? '—'})`);

export function indicatorTable(): string {
  const rows = INDICATORS.map(
    (d: Indicator) =>
      `| \`${d.id}\` | ${d.name.zh}<br>${d.name.en} | ${CATEGORIES[d.category].zh} | ${d.formula.en} | ${UNITS[d.unit].zh} | ${GRAIN[d.grain]} | ${pace(d)} | ${ARROW[d.direction]} | ${target(d)} | ${d.rollup} |`,
  );
  const legend = Object.entries(ROLLUPS)
    .map(([k, t]) => `\`${k}\`: ${t.en}`)
    .join('; ');
  return [
    README_BEGIN,
    '| id | 指标 / indicator | 类别 | formula | unit | grain | pace | dir | default target | rollup |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Rollup strategies — ${legend}.`,
    '',
    "Judged at the grain: a month inside a quarterly or yearly indicator's grain shows the grain to date with status `IN_PROGRESS` (never `NOT_MET` before the grain ends), due by the grain's last day; pace — `pro-rated`: on pace when the count reaches the target pro-rated to the months gone; `to date`: the rate so far is the pace; `—`: a duty done once within the grain has no pace before its deadline.",
    README_END,
  ].join('\n');
}

/** Replaces the generated block in a README's text. */
export function withIndicatorTable(readme: string): string {
  const a = readme.indexOf(README_BEGIN);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error('README has no indicator-catalog markers');
  return readme.slice(0, a) + indicatorTable() + readme.slice(b + README_END.length);
}
