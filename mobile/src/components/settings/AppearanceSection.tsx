import { View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { ACCENT_NAMES, ACCENTS, THEME_MODES, useTheme, useThemeSettings } from '../../theme';
import { languageNames, setLanguage, supportedLanguages } from '../../i18n';
import { Choice, Section } from './Section';

const MODE_KEYS = { system: 'settings.themeSystem', light: 'settings.themeLight', dark: 'settings.themeDark' } as const;

/** Theme (system/light/dark), accent color and language; all remembered on the device. */
export function AppearanceSection() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const settings = useThemeSettings();
  const scheme = theme.dark ? 'dark' : 'light';
  return (
    <>
      <Section title={t('settings.appearance')} testID="settings-appearance">
        <View accessibilityRole="radiogroup" accessibilityLabel={t('settings.theme')} style={{ flexDirection: 'row', flexWrap: 'wrap', gap: 8 }}>
          {THEME_MODES.map((m) => (
            <Choice key={m} label={t(MODE_KEYS[m])} selected={settings.mode === m} onPress={() => settings.setMode(m)} testID={`theme-${m}`} />
          ))}
        </View>
        <View accessibilityRole="radiogroup" accessibilityLabel={t('settings.accent')} style={{ flexDirection: 'row', flexWrap: 'wrap', gap: 8, marginTop: 12 }}>
          {ACCENT_NAMES.map((a) => (
            <Choice
              key={a}
              label={t(`settings.accentNames.${a}`)}
              selected={settings.accent === a}
              onPress={() => settings.setAccent(a)}
              swatch={ACCENTS[a][scheme]}
              testID={`accent-${a}`}
            />
          ))}
        </View>
      </Section>
      <Section title={t('settings.language')} testID="settings-language">
        <View accessibilityRole="radiogroup" accessibilityLabel={t('settings.language')} style={{ flexDirection: 'row', flexWrap: 'wrap', gap: 8 }}>
          {supportedLanguages.map((l) => (
            <Choice key={l} label={languageNames[l]} selected={i18n.language === l} onPress={() => void setLanguage(l)} testID={`language-${l}`} />
          ))}
        </View>
      </Section>
    </>
  );
}
