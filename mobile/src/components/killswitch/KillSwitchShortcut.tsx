import { Pressable, StyleSheet, Text } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../theme';

/** Header button on every tab: opens the kill switch screen (confirmation + step-up there). */
export function KillSwitchShortcut() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={t('killSwitch.shortcutLabel')}
      onPress={() => router.push('/kill-switch' as never)}
      style={[styles.button, { borderColor: theme.danger }]}
      testID="kill-switch-shortcut"
    >
      <Text style={{ color: theme.danger, fontWeight: '700', fontSize: 12 }}>{t('killSwitch.shortcut')}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: { minWidth: 44, minHeight: 44, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 10, borderWidth: 1, borderRadius: 8, marginHorizontal: 4 },
});
