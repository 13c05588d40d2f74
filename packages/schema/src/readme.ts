/** The README's indicator table, generated from the catalog (`pnpm indicators:readme` writes it; a test compares). */
import { CATEGORIES, INDICATORS, ROLLUPS, UNITS, type Indicator } from './catalog.ts';

export const README_BEGIN = '<!-- indicator-catalog:begin (generated from packages/schema/src/catalog.ts) -->';
export const README_END = '<!-- indicator-catalog:end -->';

const ARROW = { HIGHER: '↑', LOWER: '↓', CONTEXT: '◇' } as const;
const GRAIN = { MONTH: '月 month', QUARTER: '季 quarter', YEAR: '年 year', YTD: 'YTD' } as const;

const target = (d: Indicator) => (d.target == null ? '—' : `${d.target}${d.unit === 'PERCENT' ? ' %' : ''} (预警 ${d.warning ?? '—'})`);

export function indicatorTable(): string {
  const rows = INDICATORS.map(
    (d: Indicator) =>
      `| \`${d.id}\` | ${d.name.zh}<br>${d.name.en} | ${CATEGORIES[d.category].zh} | ${d.formula.en} | ${UNITS[d.unit].zh} | ${GRAIN[d.grain]} | ${ARROW[d.direction]} | ${target(d)} | ${d.rollup} |`,
  );
  const legend = Object.entries(ROLLUPS)
    .map(([k, t]) => `\`${k}\`: ${t.en}`)
    .join('; ');
  return [
    README_BEGIN,
    '| id | 指标 / indicator | 类别 | formula | unit | grain | dir | default target | rollup |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Rollup strategies — ${legend}.`,
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
