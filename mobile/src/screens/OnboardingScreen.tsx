import { useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useRouter } from 'expo-router';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { PasskeysSection } from '../components/settings/PasskeysSection';
import { Button } from '../components/controls';
import { spaced } from '../components/settings/Section';
import { AddAccountForm } from '../components/accounts/AddAccountForm';
import { StepProgress } from '../components/onboarding/StepProgress';
import { TemplateStep } from '../components/onboarding/TemplateStep';
import { BotStep, type OnboardingBot } from '../components/onboarding/BotStep';
import type { Template } from '../components/bots/TemplateCard';
import { markOnboarded } from '../components/onboarding/onboardingPref';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

export const STEPS = ['appearance', 'paper', 'template', 'passkey', 'bot'] as const;
const at = (name: (typeof STEPS)[number]) => STEPS.indexOf(name);

/**
 * The first-run wizard, to a first running bot in a few minutes: welcome (language and theme) →
 * paper trading or connect an exchange → pick a bot template → enrol a passkey → create the bot
 * from the template and start it with the step-up. Progress is shown; every step can be skipped;
 * finishing or skipping is remembered on the device (prefs) so the wizard shows once.
 */
export default function OnboardingScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const [connect, setConnect] = useState(false);
  const [template, setTemplate] = useState<Template | null>(null);
  const [bot, setBot] = useState<OnboardingBot | null>(null);
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
      {step === 0 ? (
        <Text style={{ color: theme.text, fontSize: 15, marginTop: 6, fontWeight: '600' }} testID="onboarding-duration">
          {t('onboarding.duration')}
        </Text>
      ) : null}

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
        {name === 'paper' ? (
          <View style={{ marginTop: 12 }}>
            <Button style={spaced}
              kind="secondary"
              label={connect ? t('onboarding.paper.stayOnPaper') : t('onboarding.paper.connect')}
              onPress={() => setConnect(!connect)}
              testID="onboarding-connect-toggle"
            />
          </View>
        ) : null}
        {name === 'paper' && connect ? (
          <View style={{ marginTop: 12 }}>
            <Text accessibilityRole="header" style={{ color: theme.text, fontSize: 18, fontWeight: '700' }}>
              {t('onboarding.steps.exchange.title')}
            </Text>
            <Text style={{ color: theme.muted, marginBottom: 8 }}>{t('onboarding.steps.exchange.body')}</Text>
            {added ? (
              <Text accessibilityRole="alert" style={{ color: theme.up, marginBottom: 8 }} testID="onboarding-added">
                {t('accounts.added', { label: added })}
              </Text>
            ) : null}
            <AddAccountForm guarded={guarded} onAdded={setAdded} />
          </View>
        ) : null}
        {name === 'template' ? (
          <TemplateStep
            picked={template}
            onPick={(picked) => {
              setTemplate(picked);
              setStep(at('passkey'));
            }}
          />
        ) : null}
        {name === 'bot' ? (
          <BotStep
            template={template}
            bot={bot}
            onBot={setBot}
            guarded={guarded}
            onChooseTemplate={() => setStep(at('template'))}
            onOpenBot={(id) => {
              void markOnboarded('done').then(() => router.replace(`/bots/${id}`));
            }}
          />
        ) : null}
      </View>

      <View style={styles.nav}>
        {step > 0 ? (
          <View style={{ flex: 1 }}>
            <Button style={spaced} kind="secondary" label={t('common.back')} onPress={() => setStep(step - 1)} testID="onboarding-back" />
          </View>
        ) : null}
        <View style={{ flex: 1 }}>
          <Button style={spaced} kind="primary"
            label={last ? t('onboarding.finish') : t('onboarding.next')}
            onPress={() => (last ? void leave('done') : setStep(step + 1))}
            testID={last ? 'onboarding-finish' : 'onboarding-next'}
          />
        </View>
      </View>
      {!last ? (
        <Button style={spaced} kind="secondary" label={t('onboarding.skip')} accessibilityLabel={t('onboarding.skipLabel')} onPress={() => void leave('skipped')} testID="onboarding-skip" />
      ) : null}
      <ConfirmSheet guarded={guarded} onEnroll={() => setStep(at('passkey'))} />
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
