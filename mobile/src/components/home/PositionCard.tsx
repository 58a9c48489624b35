import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { LivePnlSubscription } from '../../graphql/home';
import { formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { formatQuote, formatSigned, pnlColor } from './pnl';

/** The user's position in one symbol on the trade screen, kept live by Subscription.livePnl. */
export function PositionCard({ symbol, venue, quote }: { symbol: string; venue: string; quote: string }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [res] = useSubscription({ query: LivePnlSubscription, variables: { quote, maxRate: 1 } });
  const portfolio = res.data?.livePnl;
  if (!portfolio) {
    return (
      <Text style={{ color: res.error ? theme.danger : theme.muted }} testID="position-waiting">
        {res.error ? t('home.positionError') : t('common.loading')}
      </Text>
    );
  }
  const positions = portfolio.positions.filter((p) => p.symbol === symbol && p.venue === venue && Number(p.qty) !== 0);
  if (positions.length === 0) {
    return (
      <Text style={{ color: theme.muted }} testID="position-none">
        {t('home.noPosition', { symbol })}
      </Text>
    );
  }
  const unit = portfolio.quote;
  return (
    <View testID="position-card">
      {positions.map((p) => {
        const qty = formatNumber(p.qty, locale);
        const avg = formatNumber(p.avgCost, locale);
        const value = formatQuote(p.value, unit, locale);
        const pnl = formatSigned(p.unrealisedPnl, unit, locale);
        return (
          <View
            key={p.accountId}
            style={[styles.card, { backgroundColor: theme.surface, borderColor: theme.border }]}
            accessible
            accessibilityLabel={t('home.positionLabel', { symbol, qty, avg, value, pnl })}
          >
            <Text style={{ color: theme.text, fontWeight: '600' }} testID="position-qty">
              {t('home.qtyAt', { qty, avg })}
            </Text>
            <View style={styles.row}>
              <Text style={{ color: theme.muted }}>{value}</Text>
              <Text style={{ color: pnlColor(p.unrealisedPnl, theme), fontWeight: '600' }} testID="position-unrealised">
                {pnl}
              </Text>
            </View>
            <Text style={{ color: theme.muted, fontSize: 12 }}>
              {t('home.realisedLine', { pnl: formatSigned(p.realisedPnl, unit, locale) })}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  card: { padding: 12, borderRadius: 10, borderWidth: StyleSheet.hairlineWidth, marginBottom: 8, gap: 4 },
  row: { flexDirection: 'row', justifyContent: 'space-between' },
});
