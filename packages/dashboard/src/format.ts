/**
 * Numbers as a committee reads them: the catalog's unit, one decimal for rates, and a value the API
 * reports as not there shown as 未填报 / not reported (or 无统计对象, 未披露), never as 0. The reasons are the
 * catalog's (a new one fails to compile here until it has its words).
 */
import { UNITS, UNITS_EN_ONE, indicator as catalogIndicator, type Indicator, type NullReason } from '@party-hub/schema/indicators';

export type { NullReason };
export type Lang = 'zh' | 'en';

const NULL_TEXT: Record<NullReason | 'NONE', Record<Lang, string>> = {
  NOT_REPORTED: { zh: '未填报', en: 'Not reported' },
  NO_SUBJECTS: { zh: '无统计对象', en: 'Nothing to count' },
  NOT_DISCLOSED: { zh: '未披露', en: 'Not disclosed' },
  SUPPRESSED: { zh: '人数过少·已隐藏', en: 'Too few people · withheld' },
  NONE: { zh: '—', en: '—' },
};

export function definition(id: string): Indicator {
  const d = catalogIndicator(id);
  if (!d) throw new Error(`unknown indicator ${id}`);
  return d;
}

export function unitText(id: string, lang: Lang): string {
  return UNITS[definition(id).unit][lang];
}

/** The number alone, rounded for its unit (rates and points to one decimal, counts whole). */
export function formatNumber(id: string, value: number, lang: Lang): string {
  const u = definition(id).unit;
  const digits = u === 'PERCENT' || u === 'POINTS' ? 1 : Number.isInteger(value) ? 0 : 1;
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Value with unit, or the reason there is none. */
export function formatValue(id: string, value: number | null | undefined, nullReason: NullReason | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return NULL_TEXT[nullReason ?? 'NONE'][lang];
  const unit = lang === 'en' && value === 1 ? UNITS_EN_ONE[definition(id).unit] : unitText(id, lang);
  const sep = unit === '%' || lang === 'zh' ? '' : ' ';
  return `${formatNumber(id, value, lang)}${sep}${unit}`;
}

/** A change in the value's own unit (percentage points for rates), signed; null when either side is missing. */
export function formatChange(id: string, change: number | null | undefined, lang: Lang): string | null {
  if (change === null || change === undefined) return null;
  const u = definition(id).unit;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const n = formatNumber(id, Math.abs(change), lang);
  const en = Math.abs(change) === 1 ? UNITS_EN_ONE[u] : unitText(id, lang);
  const unit = u === 'PERCENT' ? (lang === 'zh' ? '个百分点' : ' pp') : lang === 'zh' ? unitText(id, lang) : ` ${en}`;
  return `${sign}${n}${unit}`;
}

/** Whether a change is good news, by the indicator's direction (null for context-only ones). */
export function changeIsGood(id: string, change: number | null | undefined): boolean | null {
  if (!change) return null;
  const dir = definition(id).direction;
  return dir === 'CONTEXT' ? null : dir === 'HIGHER' ? change > 0 : change < 0;
}

export function indicatorName(id: string, lang: Lang): string {
  return definition(id).name[lang];
}
