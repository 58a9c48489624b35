import { I18nManager } from 'react-native';
import i18n, { applyDirection, isRtl, matchLanguage, supportedLanguages } from '../src/i18n';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

test('eleven languages, Arabic right-to-left', () => {
  expect(supportedLanguages).toEqual(['en', 'es', 'de', 'fr', 'pt-BR', 'ja', 'ko', 'zh-Hans', 'ru', 'tr', 'ar']);
  expect(supportedLanguages.filter(isRtl)).toEqual(['ar']);
});

test('device locales map to the closest supported language', () => {
  expect(matchLanguage('pt-BR')).toBe('pt-BR');
  expect(matchLanguage('zh-Hans-CN')).toBe('zh-Hans');
  expect(matchLanguage('zh-TW')).toBeNull();
  expect(matchLanguage('de-AT')).toBe('de');
  expect(matchLanguage('ar-EG')).toBe('ar');
  expect(matchLanguage('xx')).toBeNull();
});

test('web: Arabic sets dir="rtl" and lang on the document, other languages ltr', () => {
  const doc = { documentElement: { dir: '', lang: '' } };
  expect(applyDirection('ar', 'web', doc)).toBe('rtl');
  expect(doc.documentElement).toEqual({ dir: 'rtl', lang: 'ar' });
  expect(applyDirection('ja', 'web', doc)).toBe('ltr');
  expect(doc.documentElement).toEqual({ dir: 'ltr', lang: 'ja' });
});

test('native: switching to Arabic forces RTL through I18nManager, back to English turns it off', async () => {
  const forceRTL = jest.spyOn(I18nManager, 'forceRTL');
  const allowRTL = jest.spyOn(I18nManager, 'allowRTL');
  await i18n.changeLanguage('ar');
  expect(allowRTL).toHaveBeenLastCalledWith(true);
  expect(forceRTL).toHaveBeenLastCalledWith(true);
  expect(i18n.t('tabs.markets')).toBe('الأسواق');
  await i18n.changeLanguage('en');
  expect(allowRTL).toHaveBeenLastCalledWith(false);
});
