/**
 * The overview's view model: the headline cards (each with its 12-month sparkline) and every indicator
 * of the month by catalog category. Pure: the board's values and series, the language and the words in.
 */
import { CATEGORIES, INDICATORS, type Category } from '@party-hub/schema/indicators';
import { kpiCardModel, type KpiCardModel, type KpiValue, type KpiWords } from '../../components/common/kpi.ts';
import { formatValue, unitText, withheldText, type Lang } from '../../format.ts';
import { buildSparklineOption, HEADLINE_IDS, type SparkPoint } from './options.ts';

export interface SparkStyle {
  color: string;
  targetColor: string;
}

/** How the cards are ordered: the catalog's order, or what needs the committee first (`?cards=status`). */
export type CardOrder = 'catalog' | 'status';

/** Worst first: not met, warning, in progress, met, then those without a target or a value. */
const STATUS_RANK: Record<string, number> = { NOT_MET: 0, WARNING: 1, IN_PROGRESS: 2, MET: 3, NO_TARGET: 4 };
const statusRank = (s: string | null) => STATUS_RANK[s ?? ''] ?? 5;

/** One card per headline indicator the board has, in catalog order (or worst status first), each with its sparkline. */
export function headlineCards(
  values: ReadonlyMap<string, KpiValue>,
  series: ReadonlyMap<string, SparkPoint[]>,
  lang: Lang,
  words: KpiWords,
  spark: SparkStyle,
  order: CardOrder = 'catalog',
): KpiCardModel[] {
  // A stable sort: within a status the catalog's order stays.
  const ids =
    order === 'status'
      ? HEADLINE_IDS.toSorted((a, b) => statusRank(values.get(a)?.status ?? null) - statusRank(values.get(b)?.status ?? null))
      : HEADLINE_IDS;
  return ids.flatMap((id) => {
    const v = values.get(id);
    if (!v) return [];
    const option = buildSparklineOption(series.get(id) ?? [], {
      target: v.target.target,
      ...spark,
      format: (x) => formatValue(id, x, 'NOT_REPORTED', lang),
    });
    return [{ ...kpiCardModel(v, lang, words), spark: { name: `overview-spark-${id}`, option } }];
  });
}

export interface CategoryGroup<V> {
  key: Category;
  name: string;
  rows: { id: string; name: string; v: V }[];
}

/** Every catalog category with the indicators the board has, in catalog order. */
export function categoryGroups<V>(values: ReadonlyMap<string, V>, lang: Lang): CategoryGroup<V>[] {
  return (Object.keys(CATEGORIES) as Category[]).map((c) => ({
    key: c,
    name: CATEGORIES[c][lang],
    rows: INDICATORS.filter((d) => d.category === c).flatMap((d) => {
      const v = values.get(d.id);
      return v ? [{ id: d.id, name: d.name[lang], v }] : [];
    }),
  }));
}

/** One value of the board as the export reads it (IndicatorValueFields fits). */
export interface BoardRowValue {
  value: number | null;
  nullReason: KpiValue['nullReason'];
  status: KpiValue['status'];
  numerator?: number | null;
  denominator?: number | null;
  target: { target: number | null };
  changeFromPrevious: number | null;
  changeFromYearAgo: number | null;
}

export interface BoardTableWords {
  header: string[];
  status: (s: NonNullable<KpiValue['status']>) => string;
}

/**
 * The whole board as a table to take away, by category in catalogue order: numbers as numbers (a spreadsheet
 * sums them), a missing value as its reason in words (未填报 is never 0), the status in words.
 */
export function boardTable(values: ReadonlyMap<string, BoardRowValue>, lang: Lang, words: BoardTableWords): (string | number | null)[][] {
  // A withheld value's counts are withheld with it: the cells say so (人数过少·已隐藏), never 0 or blank.
  const count = (n: number | null | undefined, v: BoardRowValue) => n ?? (v.nullReason === 'SUPPRESSED' ? withheldText(lang) : null);
  const rows = categoryGroups(values, lang).flatMap((g) =>
    g.rows.map(({ id, name, v }) => [
      g.name,
      name,
      v.value ?? formatValue(id, null, v.nullReason, lang),
      unitText(id, lang),
      v.status ? words.status(v.status) : null,
      v.target.target,
      v.changeFromPrevious,
      v.changeFromYearAgo,
      count(v.numerator, v),
      count(v.denominator, v),
      id,
    ]),
  );
  return [words.header, ...rows];
}
