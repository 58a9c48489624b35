import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { KillSwitchMutation } from '../../graphql/accounts';
import type { KillSwitchMutation as KillSwitchData } from '../../gql/graphql';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { useTheme } from '../../theme';
import { Button } from '../controls';
import { Section, spaced } from '../settings/Section';
import { forSheet } from './venues';

type Result = KillSwitchData['killSwitch'];

/**
 * The kill switch: stop every bot and cancel every open order on every account. One tap opens an
 * explicit confirmation; confirming runs the step-up ({kind: killSwitch}) and the mutation, then
 * shows what it did. Idempotent on the server, so pressing it again is safe.
 */
export function KillSwitchSection({ guarded }: { guarded: GuardedAction }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [, kill] = useMutation(KillSwitchMutation);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const run = () => {
    setConfirming(false);
    setResult(null);
    void guarded.prepare({ kind: 'killSwitch' }, async (stepUp) => {
      const res = await kill({ stepUp });
      if (res.data) setResult(res.data.killSwitch);
      return forSheet(res.error);
    });
  };

  return (
    <Section title={t('settings.killSwitch')} hint={t('accounts.killSwitch.hint')} testID="settings-kill-switch">
      {confirming ? (
        <View testID="kill-switch-confirm">
          <Text accessibilityRole="alert" style={{ color: theme.text, fontWeight: '600' }}>
            {t('accounts.killSwitch.confirmText')}
          </Text>
          <Button style={spaced} kind="danger" label={t('accounts.killSwitch.confirm')} onPress={run} testID="kill-switch-confirm-yes" />
          <Button style={spaced} kind="secondary" label={t('common.cancel')} onPress={() => setConfirming(false)} testID="kill-switch-confirm-no" />
        </View>
      ) : (
        <Button style={spaced} kind="danger" label={t('accounts.killSwitch.button')} onPress={() => setConfirming(true)} testID="kill-switch" />
      )}
      {result ? (
        <Text accessibilityRole="alert" style={{ color: theme.text, marginTop: 8 }} testID="kill-switch-result">
          {t('accounts.killSwitch.result', { orders: result.ordersCancelled, bots: result.botsStopped })}
          {result.ordersLeftOpen > 0 ? ` ${t('accounts.killSwitch.leftOpen', { count: result.ordersLeftOpen })}` : ''}
        </Text>
      ) : null}
    </Section>
  );
}
