import { useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useRouter } from 'expo-router';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { PasskeysSection } from '../components/settings/PasskeysSection';
import { Button } from '../components/settings/Section';
import { AddAccountForm } from '../components/accounts/AddAccountForm';
import { StepProgress } from '../components/onboarding/StepProgress';
import { markOnboarded } from '../components/onboarding/onboardingPref';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

export const STEPS = ['appearance', 'passkey', 'paper', 'exchange'] as const;

/**
 * The first-run wizard: language and theme → enrol a passkey → how paper trading works → connect
 * an exchange (optional). Every step can be skipped; finishing or skipping is remembered on the
 * device (prefs) so the wizard shows once.
 */
export default function OnboardingScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const guarded = useGuardedAction();
  useKeyboardShortcuts({ close: guarded.reset });
  const name = STEPS[step];
  const last = step === STEPS.length - 1;

  const leave = async (how: 'done' | 'skipped') => {
    await markOnboarded(how);
    router.replace('/home');
  };

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <Stack.Screen options={{ title: t('onboarding.title'), headerBackVisible: false }} />
      <StepProgress step={step} total={STEPS.length} />
      <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]} testID="onboarding-step-title">
        {t(`onboarding.steps.${name}.title`)}
      </Text>
      <Text style={{ color: theme.muted, fontSize: 15 }}>{t(`onboarding.steps.${name}.body`)}</Text>

      <View style={styles.body} testID={`onboarding-${name}`}>
        {name === 'appearance' ? <AppearanceSection /> : null}
        {name === 'passkey' ? <PasskeysSection guarded={guarded} /> : null}
        {name === 'paper' ? (
          <View style={[styles.card, { backgroundColor: theme.surface, borderColor: theme.border }]}>
            {(['balance', 'prices', 'switch'] as const).map((k) => (
              <Text key={k} style={{ color: theme.text, fontSize: 15, marginBottom: 8 }}>
                • {t(`onboarding.paper.${k}`)}
              </Text>
            ))}
          </View>
        ) : null}
        {name === 'exchange' ? (
          <>
            {added ? (
              <Text accessibilityRole="alert" style={{ color: theme.up, marginBottom: 8 }} testID="onboarding-added">
                {t('accounts.added', { label: added })}
              </Text>
            ) : null}
            <AddAccountForm guarded={guarded} onAdded={setAdded} />
          </>
        ) : null}
      </View>

      <View style={styles.nav}>
        {step > 0 ? (
          <View style={{ flex: 1 }}>
            <Button kind="secondary" label={t('common.back')} onPress={() => setStep(step - 1)} testID="onboarding-back" />
          </View>
        ) : null}
        <View style={{ flex: 1 }}>
          <Button
            label={last ? t('onboarding.finish') : t('onboarding.next')}
            onPress={() => (last ? void leave('done') : setStep(step + 1))}
            testID={last ? 'onboarding-finish' : 'onboarding-next'}
          />
        </View>
      </View>
      {!last ? (
        <Button kind="secondary" label={t('onboarding.skip')} accessibilityLabel={t('onboarding.skipLabel')} onPress={() => void leave('skipped')} testID="onboarding-skip" />
      ) : null}
      <ConfirmSheet guarded={guarded} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48, width: '100%', maxWidth: 720, alignSelf: 'center' },
  title: { fontSize: 24, fontWeight: '700', marginTop: 16, marginBottom: 6 },
  body: { marginTop: 8 },
  card: { padding: 16, borderRadius: 12, borderWidth: StyleSheet.hairlineWidth },
  nav: { flexDirection: 'row', gap: 12, marginTop: 24 },
});
