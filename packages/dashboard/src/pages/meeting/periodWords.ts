/**
 * The deck's words for the period in view. Its messages are written for the monthly meeting (本月, 上月, 去年同月);
 * a quarter, half-year, year to date or year reads 本期, 上期, 去年同期 — the same sentences, the comparisons the
 * hub makes at that grain (a quarter against the quarter before and the same quarter a year earlier). One
 * substitution over the finished text rather than a second copy of every message.
 */
import { parsePeriod } from '@party-hub/schema/indicators';
import type { Lang } from '../../format.ts';

const WORDS: Record<Lang, [string, string][]> = {
  zh: [
    ['去年同月', '去年同期'],
    ['本月', '本期'],
    ['上月', '上期'],
    ['月度例会', '例会'],
  ],
  en: [
    ['This month', 'This period'],
    ['this month', 'this period'],
    ['Last month', 'The period before'],
    ['last month', 'the period before'],
    ['monthly meeting', 'meeting'],
  ],
};

/** The text as the period's grain says it: unchanged for a month. */
export function periodWords(text: string, period: string, lang: Lang): string {
  if (parsePeriod(period).grain === 'MONTH') return text;
  return WORDS[lang].reduce((s, [month, other]) => s.replaceAll(month, other), text);
}
