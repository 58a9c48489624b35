import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { formatQuote, formatSigned, pnlColor } from './pnl';

export interface PositionView {
  accountId: string;
  venue: string;
  symbol: string;
  qty: string;
  avgCost: string;
  mark?: string | null;
  value?: string | null;
  realisedPnl: string;
  unrealisedPnl: string;
}

/** One position: symbol, size at average cost, value and unrealised P&L. Tap opens its market. */
export function PositionRow({ position, quote, onPress }: { position: PositionView; quote: string; onPress(): void }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const qty = formatNumber(position.qty, locale);
  const avg = formatNumber(position.avgCost, locale);
  const value = formatQuote(position.value, quote, locale);
  const pnl = formatSigned(position.unrealisedPnl, quote, locale);
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={t('home.positionLabel', { symbol: position.symbol, qty, avg, value, pnl })}
      accessibilityHint={t('home.positionHint')}
      onPress={onPress}
      style={[styles.row, { borderColor: theme.border }]}
      testID={`position-${position.accountId}-${position.symbol}`}
    >
      <View style={{ flex: 1 }}>
        <Text style={[styles.symbol, { color: theme.text }]}>{position.symbol}</Text>
        <Text style={{ color: theme.muted }}>{t('home.qtyAt', { qty, avg })}</Text>
      </View>
      <View style={styles.right}>
        <Text style={[styles.value, { color: theme.text }]}>{value}</Text>
        <Text style={{ color: pnlColor(position.unrealisedPnl, theme), fontWeight: '600' }} testID={`position-pnl-${position.symbol}`}>
          {pnl}
        </Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  row: { minHeight: 56, flexDirection: 'row', alignItems: 'center', paddingVertical: 8, borderBottomWidth: StyleSheet.hairlineWidth, alignSelf: 'stretch' },
  symbol: { fontSize: 16, fontWeight: '700' },
  right: { alignItems: 'flex-end' },
  value: { fontSize: 15, fontVariant: ['tabular-nums'] },
});
