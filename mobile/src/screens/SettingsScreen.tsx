import { ScrollView, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useRouter } from 'expo-router';
import { useGuardedAction } from '../auth/useGuardedAction';
import { KillSwitchSection } from '../components/accounts/KillSwitchSection';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { PasskeysSection } from '../components/settings/PasskeysSection';
import { RecoveryCodesSection } from '../components/settings/RecoveryCodesSection';
import { Button, Section } from '../components/settings/Section';
import { TradingGrantsSection } from '../components/settings/TradingGrantsSection';
import { WidgetSection } from '../components/settings/WidgetSection';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/**
 * Settings: appearance and language, passkeys, recovery codes, trading grant, kill switch.
 * The kill switch (step-up `killSwitch`) is always first; exchange accounts open their own screen.
 */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const guarded = useGuardedAction();
  const router = useRouter();
  useKeyboardShortcuts({ close: guarded.reset });
  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <KillSwitchSection guarded={guarded} />
      <Section title={t('accounts.title')} hint={t('accounts.settingsHint')} testID="settings-accounts">
        <Button kind="secondary" label={t('accounts.manage')} onPress={() => router.push('/accounts')} testID="settings-accounts-link" />
      </Section>
      <AppearanceSection />
      <PasskeysSection guarded={guarded} />
      <RecoveryCodesSection guarded={guarded} />
      <TradingGrantsSection guarded={guarded} />
      <WidgetSection />
      <Text style={{ color: theme.muted, marginTop: 16 }}>{t('settings.shortcuts')}: B · S · Esc · / · ?</Text>
      <ConfirmSheet guarded={guarded} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
});
