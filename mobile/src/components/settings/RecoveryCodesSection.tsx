import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { GenerateRecoveryCodesMutation } from '../../graphql/documents';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { useTheme } from '../../theme';
import { Button } from '../controls';
import { Section, spaced } from './Section';

/** New recovery codes (step-up), shown once: they live only in this component's state. */
export function RecoveryCodesSection({ guarded }: { guarded: GuardedAction }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [, generate] = useMutation(GenerateRecoveryCodesMutation);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = () =>
    void guarded.prepare({ kind: 'generateRecoveryCodes' }, async (stepUp) => {
      const res = await generate({ stepUp });
      if (res.data) setCodes(res.data.generateRecoveryCodes.codes);
      return res;
    });
  return (
    <Section title={t('settings.recoveryCodes')} hint={t('settings.recoveryHint')} testID="settings-recovery">
      {codes ? (
        <View accessible accessibilityLabel={codes.join(', ')} testID="recovery-codes">
          <Text accessibilityRole="alert" style={{ color: theme.danger, marginBottom: 8 }}>
            {t('settings.codesShownOnce')}
          </Text>
          {codes.map((c) => (
            <Text key={c} selectable style={{ color: theme.text, fontFamily: 'monospace', fontSize: 16 }}>
              {c}
            </Text>
          ))}
          <Button style={spaced} kind="secondary" label={t('common.done')} onPress={() => setCodes(null)} testID="recovery-done" />
        </View>
      ) : (
        <Button style={spaced} kind="primary" label={t('settings.generateCodes')} onPress={start} testID="recovery-generate" />
      )}
    </Section>
  );
}
