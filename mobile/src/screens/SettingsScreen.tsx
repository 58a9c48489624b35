import { ScrollView, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useRouter } from 'expo-router';
import { useGuardedAction } from '../auth/useGuardedAction';
import { KillSwitchSection } from '../components/accounts/KillSwitchSection';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { BalancesSection, ProfileSection, useAccount } from '../components/settings/AccountSection';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { PasskeysSection } from '../components/settings/PasskeysSection';
import { RecoveryCodesSection } from '../components/settings/RecoveryCodesSection';
import { Button } from '../components/controls';
import { Section, spaced } from '../components/settings/Section';
import { TradingGrantsSection } from '../components/settings/TradingGrantsSection';
import { WidgetSection } from '../components/settings/WidgetSection';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/**
 * Settings (also the account screen): who is signed in and Log out at the top, then the kill switch
 * (step-up `killSwitch`), exchange accounts (their own screen) and balances, appearance and
 * language, passkeys, recovery codes, trading grant, widgets. `/account` redirects here.
 */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const guarded = useGuardedAction();
  const router = useRouter();
  const account = useAccount();
  useKeyboardShortcuts({ close: guarded.reset });
  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <ProfileSection account={account} />
      <KillSwitchSection guarded={guarded} />
      <Section title={t('accounts.title')} hint={t('accounts.settingsHint')} testID="settings-accounts">
        <Button style={spaced} kind="secondary" label={t('accounts.manage')} onPress={() => router.push('/accounts')} testID="settings-accounts-link" />
      </Section>
      <BalancesSection account={account} />
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
