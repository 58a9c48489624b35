import { useMemo, useState } from 'react';
import { ScrollView, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Stack, useRouter } from 'expo-router';
import { ExchangeAccountsQuery, ExchangeStatusSubscription, RemoveExchangeAccountKeysMutation } from '../graphql/accounts';
import type { ExchangeStatusFieldsFragment } from '../gql/graphql';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { ErrorState, Loading } from '../components/States';
import { AccountRow } from '../components/accounts/AccountRow';
import { AddAccountForm } from '../components/accounts/AddAccountForm';
import { accountsErrorKey } from '../components/accounts/venues';
import { Section } from '../components/settings/Section';
import { errorKey } from '../graphql/errors';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/**
 * Exchange accounts: each account with its connection health (Query.exchangeStatus, then
 * Subscription.exchangeStatus every 5 s), the API key's last characters only, removing keys, and
 * connecting a live venue (step-up addExchangeAccount).
 */
export default function AccountsScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [res, refetch] = useQuery({ query: ExchangeAccountsQuery });
  const [live] = useSubscription({ query: ExchangeStatusSubscription, variables: { intervalSeconds: 5 } });
  const [removeRes, removeKeys] = useMutation(RemoveExchangeAccountKeysMutation);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const guarded = useGuardedAction(reload);
  useKeyboardShortcuts({ close: guarded.reset });

  const statuses = live.data?.exchangeStatus ?? res.data?.exchangeStatus;
  const byAccount = useMemo(() => {
    const map = new Map<string, ExchangeStatusFieldsFragment>();
    for (const s of statuses ?? []) map.set(s.accountId, s);
    return map;
  }, [statuses]);

  if (res.fetching && !res.data) return <Loading />;
  if (!res.data) return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={reload} />;
  const accounts = res.data.exchangeAccounts;

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <Stack.Screen options={{ title: t('accounts.title') }} />
      <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
        {t('accounts.title')}
      </Text>
      {accounts.length === 0 ? (
        <Text style={{ color: theme.muted, marginVertical: 8 }} testID="accounts-empty">
          {t('accounts.empty')}
        </Text>
      ) : (
        accounts.map((a) => (
          <AccountRow
            key={a.id}
            account={a}
            status={byAccount.get(a.id)}
            removing={removeRes.fetching}
            onRemoveKeys={() => {
              setNotice(null);
              void removeKeys({ id: a.id }).then((r) => {
                if (!r.error) {
                  setNotice(t('accounts.keysRemoved', { label: a.label }));
                  reload();
                }
              });
            }}
          />
        ))
      )}
      {removeRes.error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="accounts-remove-error">
          {t(removeRes.error.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT') ? 'accounts.errors.openOrders' : accountsErrorKey(removeRes.error))}
        </Text>
      ) : null}
      {notice ? (
        <Text accessibilityRole="alert" style={{ color: theme.up }} testID="accounts-notice">
          {notice}
        </Text>
      ) : null}
      <Section title={t('accounts.add')} hint={t('accounts.addHint')} testID="accounts-add">
        <AddAccountForm guarded={guarded} onAdded={(label) => setNotice(t('accounts.added', { label }))} />
      </Section>
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings')} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  title: { fontSize: 22, fontWeight: '700', marginBottom: 12 },
});
