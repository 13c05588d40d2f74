import { createI18n } from 'vue-i18n';
import en from './locales/en.ts';
import zhCN from './locales/zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'party-hub.locale';

/** The saved choice, else Chinese: the UI is Chinese first. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  return LOCALES.includes(saved as Locale) ? (saved as Locale) : DEFAULT_LOCALE;
}

export const messages = { 'zh-CN': zhCN, en };

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: DEFAULT_LOCALE, messages });

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
