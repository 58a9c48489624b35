import { ScrollView, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { PasskeysSection } from '../components/settings/PasskeysSection';
import { RecoveryCodesSection } from '../components/settings/RecoveryCodesSection';
import { Button, Section } from '../components/settings/Section';
import { TradingGrantsSection } from '../components/settings/TradingGrantsSection';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/**
 * Settings: appearance and language, passkeys, recovery codes, trading grant, kill switch.
 * The kill switch stays a disabled placeholder until the API has a `killSwitch` mutation.
 */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const guarded = useGuardedAction();
  useKeyboardShortcuts({ close: guarded.reset });
  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <Section title={t('settings.killSwitch')} hint={t('settings.killSwitchUnavailable')} testID="settings-kill-switch">
        <Button kind="danger" label={t('settings.killSwitch')} onPress={() => undefined} disabled testID="kill-switch" />
      </Section>
      <AppearanceSection />
      <PasskeysSection guarded={guarded} />
      <RecoveryCodesSection guarded={guarded} />
      <TradingGrantsSection guarded={guarded} />
      <Text style={{ color: theme.muted, marginTop: 16 }}>{t('settings.shortcuts')}: B · S · Esc · / · ?</Text>
      <ConfirmSheet guarded={guarded} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
});
