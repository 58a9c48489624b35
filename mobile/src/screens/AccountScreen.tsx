import { ActivityIndicator, Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useRouter } from 'expo-router';
import { AccountQuery, LogoutMutation } from '../graphql/documents';
import { errorKey } from '../graphql/errors';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, Loading } from '../components/States';
import { formatNumber } from '../format';
import { useTheme } from '../theme';

export default function AccountScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const { signOut } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountQuery });
  const [logoutRes, logout] = useMutation(LogoutMutation);
  const locale = i18n.language;

  const doLogout = async () => {
    // The local session ends even when the server cannot be reached.
    await logout({}).catch(() => undefined);
    await signOut();
    router.replace('/login');
  };

  const logoutButton = (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={t('account.logout')}
      accessibilityState={{ disabled: logoutRes.fetching, busy: logoutRes.fetching }}
      disabled={logoutRes.fetching}
      onPress={doLogout}
      style={[styles.logout, { borderColor: theme.danger }]}
    >
      {logoutRes.fetching ? (
        <ActivityIndicator accessibilityLabel={t('account.loggingOut')} color={theme.danger} />
      ) : (
        <Text style={{ color: theme.danger, fontWeight: '600', fontSize: 16 }}>{t('account.logout')}</Text>
      )}
    </Pressable>
  );

  if (fetching && !data) return <Loading />;
  if (error && !data) {
    return (
      <View style={{ flex: 1, backgroundColor: theme.background }}>
        <ErrorState
          message={t(errorKey(error) ?? 'errors.generic')}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
        <View style={{ padding: 16 }}>{logoutButton}</View>
      </View>
    );
  }
  if (!data) return <Loading />;

  const { me, balances } = data;
  const since = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(me.createdAt));

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <Text accessibilityRole="header" style={[styles.name, { color: theme.text }]}>
        {me.displayName}
      </Text>
      <Text style={{ color: theme.muted }}>{me.email}</Text>
      {me.isDemo ? (
        <Text style={[styles.badge, { color: theme.accent, borderColor: theme.accent }]}>{t('account.demo')}</Text>
      ) : null}
      <Text style={{ color: theme.muted, marginTop: 4 }}>{t('account.memberSince', { date: since })}</Text>

      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('account.balances')}
      </Text>
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
      {logoutButton}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  name: { fontSize: 24, fontWeight: '700' },
  badge: { alignSelf: 'flex-start', borderWidth: 1, borderRadius: 6, paddingHorizontal: 8, paddingVertical: 2, marginTop: 8 },
  section: { fontSize: 18, fontWeight: '600', marginTop: 24, marginBottom: 8 },
  balance: { flexDirection: 'row', paddingVertical: 12, borderBottomWidth: StyleSheet.hairlineWidth, minHeight: 56 },
  logout: { minHeight: 48, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 32 },
});
