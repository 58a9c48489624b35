import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useRouter } from 'expo-router';
import type { AccountQuery as AccountData } from '../../gql/graphql';
import { AccountQuery, LogoutMutation } from '../../graphql/documents';
import { errorKey } from '../../graphql/errors';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, Loading } from '../States';
import { formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { Section } from './Section';

/** The signed-in user and their balances (what the Account tab showed): one query for both sections. */
export function useAccount() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountQuery });
  return { data, fetching, error, refetch };
}
type Account = ReturnType<typeof useAccount>;

/** Top of Settings: who is signed in (name, email, demo badge, member since) and Log out. */
export function ProfileSection({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const { signOut } = useAuth();
  const [logoutRes, logout] = useMutation(LogoutMutation);
  const { data, fetching, error, refetch } = account;

  const doLogout = async () => {
    // The local session ends even when the server cannot be reached.
    await logout({}).catch(() => undefined);
    await signOut();
    router.replace('/login');
  };

  let body;
  if (data) {
    const { me } = data;
    const since = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(me.createdAt));
    body = (
      <>
        <Text accessibilityRole="header" style={[styles.name, { color: theme.text }]}>
          {me.displayName}
        </Text>
        <Text style={{ color: theme.muted }}>{me.email}</Text>
        {me.isDemo ? <Text style={[styles.badge, { color: theme.accent, borderColor: theme.accent }]}>{t('account.demo')}</Text> : null}
        <Text style={{ color: theme.muted, marginTop: 4 }}>{t('account.memberSince', { date: since })}</Text>
      </>
    );
  } else if (error) {
    body = <ErrorState message={t(errorKey(error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  } else if (fetching) {
    body = <Loading testID="account-loading" />;
  }

  return (
    <View style={[styles.section, { borderColor: theme.border }]} testID="settings-account">
      {body}
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={t('account.logout')}
        accessibilityState={{ disabled: logoutRes.fetching, busy: logoutRes.fetching }}
        disabled={logoutRes.fetching}
        onPress={doLogout}
        style={[styles.logout, { borderColor: theme.danger }]}
        testID="settings-logout"
      >
        {logoutRes.fetching ? (
          <ActivityIndicator accessibilityLabel={t('account.loggingOut')} color={theme.danger} />
        ) : (
          <Text style={{ color: theme.danger, fontWeight: '600', fontSize: 16 }}>{t('account.logout')}</Text>
        )}
      </Pressable>
    </View>
  );
}

/** Balances of every account (free / in orders / total), as the Account tab listed them. */
export function BalancesSection({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const balances: AccountData['balances'] | null = account.data?.balances ?? null;
  if (!balances) return null; // loading and errors show in the profile section above
  return (
    <Section title={t('account.balances')} testID="settings-balances">
      {balances.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="balances-empty">
          {t('account.noBalances')}
        </Text>
      ) : (
        balances.map((b) => {
          const total = formatNumber(b.total, locale);
          const free = formatNumber(b.free, locale);
          const used = formatNumber(b.used, locale);
          return (
            <View
              key={`${b.accountId}:${b.currency}`}
              accessible
              accessibilityLabel={`${b.currency} ${b.accountLabel}: ${t('account.total')} ${total}, ${t('account.free')} ${free}, ${t('account.used')} ${used}`}
              style={[styles.balance, { borderColor: theme.border }]}
              testID={`balance-${b.currency}`}
            >
              <View style={{ flex: 1 }}>
                <Text style={{ color: theme.text, fontWeight: '600', fontSize: 16 }}>{b.currency}</Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>
                  {b.accountLabel} · {b.venue}
                </Text>
              </View>
              <View style={{ alignItems: 'flex-end' }}>
                <Text style={{ color: theme.text, fontSize: 16 }}>{total}</Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>
                  {t('account.free')} {free} · {t('account.used')} {used}
                </Text>
              </View>
            </View>
          );
        })
      )}
    </Section>
  );
}


const styles = StyleSheet.create({
  section: { paddingVertical: 16, borderBottomWidth: StyleSheet.hairlineWidth },
  name: { fontSize: 24, fontWeight: '700' },
  badge: { alignSelf: 'flex-start', borderWidth: 1, borderRadius: 6, paddingHorizontal: 8, paddingVertical: 2, marginTop: 8 },
  balance: { flexDirection: 'row', paddingVertical: 12, borderBottomWidth: StyleSheet.hairlineWidth, minHeight: 56 },
  logout: { minHeight: 48, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 16 },
});
