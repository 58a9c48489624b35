import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { PostFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../format';
import { formatFraction, formatRatio } from '../bots/format';
import { useTheme } from '../../theme';

export type SharedBacktest = NonNullable<PostFieldsFragment['backtest']>;

function Metric({ label, value, color, testID }: { label: string; value: string; color?: string; testID?: string }) {
  const theme = useTheme();
  return (
    <View style={{ minWidth: 110, flexGrow: 1 }} testID={testID} accessible accessibilityLabel={`${label}: ${value}`}>
      <Text style={{ color: theme.muted, fontSize: 12 }}>{label}</Text>
      <Text style={{ color: color ?? theme.text, fontSize: 16, fontWeight: '600' }}>{value}</Text>
    </View>
  );
}

/**
 * A backtest shared in a post: its headline figures (total return, max drawdown, Sharpe, trades), strategy, symbol and
 * period, always under a "simulated, not live performance" badge so nobody mistakes it for a verified record.
 */
export function BacktestPostCard({ backtest, postId }: { backtest: SharedBacktest; postId: string }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const ret = backtest.totalReturn;
  return (
    <View style={{ gap: 6, borderWidth: 1, borderColor: theme.border, borderRadius: 8, padding: 10 }} testID={`post-backtest-${postId}`}>
      <Text style={{ color: theme.muted, fontSize: 12, fontWeight: '700' }} testID={`post-backtest-badge-${postId}`}>
        {t('social.backtestPost.badge')}
      </Text>
      <Text style={{ color: theme.text, fontWeight: '600' }}>
        {t('social.backtestPost.title', {
          strategy: t(`bots.kinds.${backtest.strategy}`, { defaultValue: backtest.strategy }),
          symbol: backtest.symbol,
          timeframe: backtest.timeframe,
        })}
      </Text>
      <Text style={{ color: theme.muted, fontSize: 12 }} testID={`post-backtest-period-${postId}`}>
        {formatDateTime(backtest.periodStart, locale)} – {formatDateTime(backtest.periodEnd, locale)}
      </Text>
      <View style={{ flexDirection: 'row', flexWrap: 'wrap', gap: 8 }}>
        <Metric
          label={t('social.backtestPost.totalReturn')}
          value={formatFraction(ret, locale, true)}
          color={ret > 0 ? theme.up : ret < 0 ? theme.down : theme.text}
          testID={`post-backtest-return-${postId}`}
        />
        <Metric label={t('social.backtestPost.maxDrawdown')} value={formatFraction(backtest.maxDrawdown, locale)} testID={`post-backtest-drawdown-${postId}`} />
        <Metric label={t('social.backtestPost.sharpe')} value={formatRatio(backtest.sharpe, locale)} testID={`post-backtest-sharpe-${postId}`} />
        <Metric label={t('social.backtestPost.trades')} value={formatNumber(String(backtest.trades), locale)} testID={`post-backtest-trades-${postId}`} />
      </View>
    </View>
  );
}
