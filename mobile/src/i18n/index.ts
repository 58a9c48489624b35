import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getLocales } from 'expo-localization';
import en from '../locales/en.json';
import de from '../locales/de.json';

export const resources = { en: { translation: en }, de: { translation: de } } as const;
export const supportedLanguages = Object.keys(resources) as (keyof typeof resources)[];

function deviceLanguage(): string {
  try {
    const code = getLocales()[0]?.languageCode ?? 'en';
    return code in resources ? code : 'en';
  } catch {
    return 'en';
  }
}

if (!i18n.isInitialized) {
  void i18n.use(initReactI18next).init({
    resources,
    lng: deviceLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export default i18n;
