/** The words of an in-progress value (kpi.ts progressNote), in the UI's language: the overview's cards and the indicator page say the same. */
import { useI18n } from 'vue-i18n';
import type { ProgressWords } from './kpi.ts';

export function useProgressWords(): ProgressWords {
  const { t } = useI18n();
  return {
    line: (p) => t('common.progress', p),
    onPace: t('common.onPace'),
    behind: t('common.behind'),
    last: (p) => t('common.last', { ...p, status: p.status ? t('common.lastStatus', { status: p.status }) : '' }),
    status: (s) => t(`status.${s}`),
  };
}
