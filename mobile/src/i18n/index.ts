import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getLocales } from 'expo-localization';
import { I18nManager, Platform } from 'react-native';
import en from '../locales/en.json';
import es from '../locales/es.json';
import de from '../locales/de.json';
import fr from '../locales/fr.json';
import ptBR from '../locales/pt-BR.json';
import ja from '../locales/ja.json';
import ko from '../locales/ko.json';
import zhHans from '../locales/zh-Hans.json';
import ru from '../locales/ru.json';
import tr from '../locales/tr.json';
import ar from '../locales/ar.json';
import { loadPref, PREF_LANGUAGE, savePref } from '../storage/prefs';
import { featureBundles, type Messages } from '../locales/features';

const base = { en, es, de, fr, 'pt-BR': ptBR, ja, ko, 'zh-Hans': zhHans, ru, tr, ar } as const;
type BaseLanguage = keyof typeof base;

/** A copy of `target` with `extra`'s keys added; a feature may not redefine an existing key. */
function mergeMessages(target: Messages, extra: Messages, path = ''): Messages {
  const out: Messages = { ...target };
  for (const [key, value] of Object.entries(extra)) {
    const where = path ? `${path}.${key}` : key;
    const current = out[key];
    if (current === undefined) out[key] = value;
    else if (typeof current === 'object' && typeof value === 'object') out[key] = mergeMessages(current, value, where);
    else throw new Error(`i18n: "${where}" is defined twice`);
  }
  return out;
}

function withFeatures(language: BaseLanguage): { translation: Messages } {
  let messages = base[language] as Messages;
  for (const bundle of featureBundles) messages = mergeMessages(messages, bundle[language] ?? {});
  return { translation: messages };
}

export const resources = Object.fromEntries(
  (Object.keys(base) as BaseLanguage[]).map((language) => [language, withFeatures(language)]),
) as Record<BaseLanguage, { translation: Messages }>;
export type Language = keyof typeof resources;
export const supportedLanguages = Object.keys(resources) as Language[];

/** Each language's name in itself, for the language picker. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  fr: 'Français',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
  ko: '한국어',
  'zh-Hans': '简体中文',
  ru: 'Русский',
  tr: 'Türkçe',
  ar: 'العربية',
};

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

export function isRtl(language: string): boolean {
  return RTL_LANGUAGES.has(language.split('-')[0]);
}

/** The supported language closest to a BCP 47 tag ("pt-PT" → none, "pt-BR" → pt-BR, "zh-Hans-CN" → zh-Hans). */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const exact = supportedLanguages.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh') && !lower.includes('hant') && !/-(tw|hk|mo)$/.test(lower)) return 'zh-Hans';
  if (lower.startsWith('pt')) return lower.startsWith('pt-br') || lower === 'pt' ? 'pt-BR' : null;
  const base = lower.split('-')[0];
  return supportedLanguages.find((l) => l === base) ?? null;
}

function deviceLanguage(): Language {
  try {
    const locale = getLocales()[0];
    return matchLanguage(locale?.languageTag) ?? matchLanguage(locale?.languageCode) ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Lay the app out right-to-left for Arabic: `dir="rtl"` on the web document; on iOS/Android
 * I18nManager (native layout direction applies after the next app start).
 */
export function applyDirection(
  language: string,
  platform: string = Platform.OS,
  doc: { documentElement?: { dir: string; lang: string } } | undefined = (globalThis as { document?: { documentElement?: { dir: string; lang: string } } }).document,
): 'rtl' | 'ltr' {
  const dir = isRtl(language) ? 'rtl' : 'ltr';
  if (platform === 'web') {
    if (doc?.documentElement) {
      doc.documentElement.dir = dir;
      doc.documentElement.lang = language;
    }
  } else {
    I18nManager.allowRTL(dir === 'rtl');
    if (I18nManager.isRTL !== (dir === 'rtl')) I18nManager.forceRTL(dir === 'rtl');
  }
  return dir;
}

/** Switch language, lay out in its direction and remember the choice. */
export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  await savePref(PREF_LANGUAGE, language);
}

/** Apply the language the user picked earlier, if any (the device language is the default). */
export async function restoreLanguage(): Promise<void> {
  const saved = matchLanguage(await loadPref(PREF_LANGUAGE));
  if (saved && saved !== i18n.language) await i18n.changeLanguage(saved);
}

if (!i18n.isInitialized) {
  i18n.on('languageChanged', (lng) => {
    applyDirection(lng);
  });
  void i18n.use(initReactI18next).init({
    resources,
    lng: deviceLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export default i18n;
