import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CreateTradingGrantMutation, RevokeTradingGrantMutation, TradingGrantsQuery } from '../../graphql/documents';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { errorKey } from '../../graphql/errors';
import { formatNumber, formatTime } from '../../format';
import { normalise } from '../../trading/ticket';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Section, spaced } from './Section';

/** Trading grants: create (step-up createTradingGrant), list the live ones, revoke. */
export function TradingGrantsSection({ guarded, now = () => new Date() }: { guarded: GuardedAction; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [{ data }, refetch] = useQuery({ query: TradingGrantsQuery });
  const [, create] = useMutation(CreateTradingGrantMutation);
  const [revokeRes, revoke] = useMutation(RevokeTradingGrantMutation);
  const [maxOrders, setMaxOrders] = useState('5');
  const [maxNotional, setMaxNotional] = useState('1000');
  const [minutes, setMinutes] = useState('15');
  const account = data?.exchangeAccounts[0];
  const at = now().getTime();
  const live = (data?.tradingGrants ?? []).filter((g) => !g.revokedAt && Date.parse(g.expiresAt) > at);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const start = () => {
    if (!account) return;
    const orders = Number.parseInt(maxOrders, 10);
    const mins = Number.parseInt(minutes, 10);
    const notional = normalise(maxNotional);
    void guarded.prepare(
      { kind: 'createTradingGrant', account: account.id, maxOrders: orders, maxNotional: notional, minutes: mins },
      async (stepUp) => {
        const res = await create({ input: { accountId: account.id, maxOrders: orders, maxNotional: notional, minutes: mins }, stepUp });
        if (!res.error) reload();
        return res;
      },
    );
  };

  return (
    <Section title={t('settings.grants')} hint={t('settings.grantHint')} testID="settings-grants">
      {live.length === 0 ? <Text style={{ color: theme.muted }}>{t('settings.noGrants')}</Text> : null}
      {live.map((g) => {
        const time = formatTime(g.expiresAt, locale);
        return (
          <View key={g.id} style={{ paddingVertical: 6 }} testID={`grant-${g.id}`}>
            <Text style={{ color: theme.text }}>
              {t('settings.grantRow', {
                used: g.ordersUsed,
                max: g.maxOrders,
                notionalUsed: formatNumber(g.notionalUsed, locale),
                maxNotional: formatNumber(g.maxNotional, locale),
                time,
              })}
            </Text>
            <Button style={spaced}
              kind="danger"
              label={t('settings.revoke')}
              accessibilityLabel={t('settings.revokeLabel', { time })}
              onPress={() => void revoke({ id: g.id }).then(reload)}
              testID={`grant-revoke-${g.id}`}
            />
          </View>
        );
      })}
      {revokeRes.error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(errorKey(revokeRes.error) ?? 'errors.generic')}
        </Text>
      ) : null}
      <Field label={t('settings.grantMaxOrders')} value={maxOrders} onChangeText={setMaxOrders} inputMode="numeric" testID="grant-max-orders" />
      <Field label={t('settings.grantMaxNotional')} value={maxNotional} onChangeText={setMaxNotional} inputMode="decimal" testID="grant-max-notional" />
      <Field label={t('settings.grantMinutes')} value={minutes} onChangeText={setMinutes} inputMode="numeric" testID="grant-minutes" />
      <Button style={spaced} kind="primary" label={t('settings.createGrant')} onPress={start} disabled={!account} testID="grant-create" />
    </Section>
  );
}
