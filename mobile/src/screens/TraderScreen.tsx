import { useState } from 'react';
import { ScrollView, Text, useWindowDimensions, View } from 'react-native';
import { Stack, useLocalSearchParams } from 'expo-router';
import { AreaChart } from '../components/AreaChart';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Avatar } from '../components/social/Avatar';
import { FollowForm } from '../components/social/FollowForm';
import { ProfileBots } from '../components/social/ProfileBots';
import { formatMetric } from '../components/social/metrics';
import { Button } from '../components/controls';
import { Alert, Heading, socialStyles } from '../components/social/ui';
import { METRICS } from '../components/social/LeaderboardSection';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatMoney } from '../format';
import { errorKey } from '../graphql/errors';
import { FollowingQuery, TraderProfileQuery } from '../graphql/social';
import { useTheme } from '../theme';

/** A trader's public profile: verified period and accounts, equity curve, metrics per period, follow. */
export default function TraderScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const { width } = useWindowDimensions();
  const params = useLocalSearchParams<{ handle: string }>();
  const handle = decodeURIComponent(String(params.handle ?? ''));
  const [res, refetch] = useQuery({ query: TraderProfileQuery, variables: { handle } });
  const [followingRes, refetchFollowing] = useQuery({ query: FollowingQuery, requestPolicy: 'cache-and-network' });
  const [showForm, setShowForm] = useState(false);
  const [followed, setFollowed] = useState(false);

  const title = <Stack.Screen options={{ title: `@${handle}` }} />;
  if (res.fetching && !res.data) return <>{title}<Loading /></>;
  if (!res.data) {
    const key = errorKey(res.error, { NOT_FOUND: 'social.trader.notFound', UNKNOWN_TRADER: 'social.trader.notFound' }) ?? 'errors.generic';
    return <>{title}<ErrorState message={t(key)} onRetry={() => refetch({ requestPolicy: 'network-only' })} /></>;
  }
  const p = res.data.traderProfile;
  const follow = followingRes.data?.following.find((f) => f.traderId === p.traderId && f.active);
  const points = p.equityCurve.map((e) => ({ value: e.returnPct }));
  const values = points.map((x) => x.value);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  const last = p.equityCurve[p.equityCurve.length - 1];

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={socialStyles.content} keyboardShouldPersistTaps="handled">
      {title}
      <View style={{ flexDirection: 'row', alignItems: 'center', gap: 12 }}>
        <Avatar url={p.avatarUrl} handle={p.handle} size={56} testID="trader-avatar" />
        <Text accessibilityRole="header" style={{ color: theme.text, fontSize: 22, fontWeight: '700', flexShrink: 1 }}>
          @{p.handle}
        </Text>
      </View>
      {p.bio ? <Text style={{ color: theme.text }}>{p.bio}</Text> : null}
      {p.styleTags.length ? <Text style={{ color: theme.muted }}>{p.styleTags.map((s) => `#${s}`).join(' ')}</Text> : null}
      <Text style={{ color: theme.muted }} testID="verified">
        {p.verifiedSince
          ? t('social.trader.verifiedSince', {
              date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(`${p.verifiedSince}T00:00:00Z`)),
              accounts: p.verifiedAccounts.map((a) => `${a.label} (${a.venue})`).join(', '),
            })
          : t('social.trader.unverified')}
      </Text>

      <Heading>{t('social.trader.equity')}</Heading>
      {points.length < 2 ? (
        <Empty message={t('social.trader.noCurve')} />
      ) : (
        <View
          accessible
          accessibilityRole="image"
          accessibilityLabel={t('social.trader.curveLabel', { days: points.length, ret: `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(last.returnPct)} %` })}
          testID="equity-chart"
        >
          <AreaChart
            data={points}
            width={Math.min(width, 720) - 96}
            height={180}
            min={min}
            max={max}
            yAxisLabelWidth={48}
            formatYLabel={(label: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(label))} %`}
          />
        </View>
      )}

      <Heading>{t('social.trader.metrics')}</Heading>
      {p.metrics.length === 0 ? <Empty message={t('social.trader.noMetrics')} /> : null}
      {p.metrics.map((m) => (
        <View key={m.period} style={[socialStyles.card, { borderColor: theme.border }]} testID={`metrics-${m.period}`}>
          <Text style={{ color: theme.text, fontWeight: '700' }}>{t(`social.periods.${m.period}`)}</Text>
          {METRICS.map((metric) => (
            <View key={metric} style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
              <Text style={{ color: theme.muted }}>{t(`social.metrics.${metric}`)}</Text>
              <Text style={{ color: theme.text }}>{formatMetric(metric, m, locale)}</Text>
            </View>
          ))}
        </View>
      ))}

      <ProfileBots bots={p.bots ?? []} />

      <Heading>{t('social.trader.copy')}</Heading>
      {follow ? (
        <Text style={{ color: theme.text }} testID="already-following">
          {t('social.trader.following', { amount: formatMoney(follow.allocation, 'USDT', locale) })}
        </Text>
      ) : followed ? (
        <Alert text={t('social.trader.followed')} tone="muted" testID="followed" />
      ) : showForm ? (
        <FollowForm
          traderId={p.traderId}
          onFollowed={() => {
            setShowForm(false);
            setFollowed(true);
            refetchFollowing({ requestPolicy: 'network-only' });
          }}
        />
      ) : (
        <Button label={t('social.trader.follow', { handle: p.handle })} kind="primary" onPress={() => setShowForm(true)} testID="follow-open" />
      )}
    </ScrollView>
  );
}
