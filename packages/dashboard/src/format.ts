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

/**
 * The hub's smallest cell: a figure over fewer people is withheld from an analyst (the server's HUB_MIN_CELL,
 * default 5). The API does not expose the setting, so the words use this default.
 */
export const MIN_CELL = 5;

const WITHHELD_NOTE: Record<Lang, string> = {
  zh: `涉及人数少于 ${MIN_CELL} 人，为保护个人信息已隐藏；同组中另一项也可能因此隐藏`,
  en: `Fewer than ${MIN_CELL} people: withheld to protect personal data; a sibling may be withheld with it so that totals do not give it away`,
};

/** Why a value is withheld (SUPPRESSED), for a tooltip or a note; null for any other reason. */
export function nullNote(nullReason: NullReason | null | undefined, lang: Lang): string | null {
  return nullReason === 'SUPPRESSED' ? WITHHELD_NOTE[lang] : null;
}

/** A count of people, or 人数过少·已隐藏 when the hub withheld it (null): never 0 for a hidden group. */
export function formatCount(count: number | null | undefined, lang: Lang, unit = ''): string {
  if (count === null || count === undefined) return NULL_TEXT.SUPPRESSED[lang];
  return `${count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}${unit}`;
}

/** The word for a withheld figure alone (人数过少·已隐藏). */
export const withheldText = (lang: Lang): string => NULL_TEXT.SUPPRESSED[lang];

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
