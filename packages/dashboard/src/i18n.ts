import { createI18n } from 'vue-i18n';
import en from './locales/en.ts';
import zhCN from './locales/zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'party-hub.locale';

export function isLocale(v: unknown): v is Locale {
  return LOCALES.includes(v as Locale);
}

/** `?lang=` first (a shared link), then the saved choice, else Chinese: the UI is Chinese first. */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
  search: string = globalThis.location?.search ?? '',
): Locale {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  const saved = storage?.getItem(STORAGE_KEY);
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}

export const messages = { 'zh-CN': zhCN, en };

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: DEFAULT_LOCALE, messages });

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/**
 * A page's own strings, merged when its (lazy) chunk loads: `page.key` in templates. Both languages
 * are required, so a missing English label fails the type check rather than the meeting.
 */
export function definePageMessages<T extends Record<string, unknown>>(page: string, zh: T, english: NoInfer<T>): void {
  i18n.global.mergeLocaleMessage('zh-CN', { [page]: zh });
  i18n.global.mergeLocaleMessage('en', { [page]: english });
}

/** A page's words as view models take them: vue-i18n's `t` (a test gives its own). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The catalog's language key for the UI's locale. */
export const catalogLang = (locale: string): 'zh' | 'en' => (locale === 'en' ? 'en' : 'zh');
