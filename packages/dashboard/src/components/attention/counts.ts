/**
 * A rate written with its counts, `50.0%（2/4）`: the attention list's and the meeting summary's one way of
 * saying a percentage, so a small base is seen as one. Pure.
 */
import { definition, formatValue, type Lang, type NullReason } from '../../format.ts';

/** A value with what it was counted from (a board value, or its previous period with the indicator's id). */
export interface CountedValue {
  indicator: { id: string };
  value: number | null;
  nullReason: NullReason | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** A value with its counts when it is a rate over subjects: `50.0%（2/4）`, `50.0% (2/4)`. */
export function valueWithCounts(v: CountedValue, lang: Lang): string {
  const id = v.indicator.id;
  const text = formatValue(id, v.value, v.nullReason, lang);
  const d = definition(id);
  if (v.value === null || d.unit !== 'PERCENT' || v.numerator == null || v.denominator == null) return text;
  const count = (n: number) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 2 });
  const counts = `${count(v.numerator)}/${count(v.denominator)}`;
  return lang === 'zh' ? `${text}（${counts}）` : `${text} (${counts})`;
}
