import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { BacktestJobFieldsFragment, MonteCarloBandsFieldsFragment } from '../../gql/graphql';
import { SectionHeader, Stat, ui } from '../bots/ui';
import { formatFraction, formatRatio, pnlColor } from '../bots/format';
import { formatDateTime, formatMoney, formatNumber } from '../../format';
import { useTheme } from '../../theme';

type Percentile = { percentile: number; value: number };

/** The value at a percentile (the nearest one the server sent), or null. */
export function atPercentile(values: readonly Percentile[], p: number): number | null {
  if (values.length === 0) return null;
  return values.reduce((best, v) => (Math.abs(v.percentile - p) < Math.abs(best.percentile - p) ? v : best)).value;
}

/** One Monte Carlo method: the 5 / 50 / 95 % bands of final equity and max drawdown, and P(loss). */
function Bands({ bands, currency, testID }: { bands: MonteCarloBandsFieldsFragment; currency: string; testID: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const money = (v: number | null) => (v === null ? '—' : formatMoney(String(v), currency, locale, 2));
  const dd = (v: number | null) => formatFraction(v, locale);
  const low = atPercentile(bands.finalEquity, 5);
  const mid = atPercentile(bands.finalEquity, 50);
  const high = atPercentile(bands.finalEquity, 95);
  return (
    <View style={[ui.card, { borderColor: theme.border }]} testID={testID}>
      <Text style={{ color: theme.text, fontWeight: '600' }}>
        {t(`bots.robust.method.${bands.method}`, { defaultValue: bands.method })} · {t('bots.robust.runs', { n: formatNumber(String(bands.runs), locale) })}
      </Text>
      <View
        accessible
        accessibilityLabel={t('bots.robust.bandLabel', { low: money(low), mid: money(mid), high: money(high) })}
        style={ui.stats}
        testID={`${testID}-equity`}
      >
        <Stat label={t('bots.robust.p5')} value={money(low)} />
        <Stat label={t('bots.robust.p50')} value={money(mid)} />
        <Stat label={t('bots.robust.p95')} value={money(high)} />
      </View>
      <View style={ui.stats}>
        <Stat label={t('bots.robust.ddMedian')} value={dd(atPercentile(bands.maxDrawdown, 50))} />
        <Stat label={t('bots.robust.ddBad')} value={dd(atPercentile(bands.maxDrawdown, 95))} />
        <Stat
          label={t('bots.robust.lossChance')}
          value={formatFraction(bands.probabilityOfLoss, locale)}
          color={bands.probabilityOfLoss > 0.5 ? theme.danger : theme.text}
          testID={`${testID}-loss`}
        />
      </View>
    </View>
  );
}

/** Monte Carlo bands and walk-forward windows of a finished backtest (each only when it was asked for). */
export function Robustness({ job, currency }: { job: BacktestJobFieldsFragment; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const mc = job.monteCarlo;
  const wf = job.walkForward;
  if (!mc && !wf) return null;
  return (
    <View testID="backtest-robustness">
      {mc && (mc.trades || mc.blocks) ? (
        <View testID="monte-carlo">
          <SectionHeader>{t('bots.robust.monteCarlo')}</SectionHeader>
          <Text style={{ color: theme.muted, marginBottom: 6 }}>{t('bots.robust.monteCarloNote')}</Text>
          {mc.trades ? <Bands bands={mc.trades} currency={currency} testID="mc-trades" /> : null}
          {mc.blocks ? <Bands bands={mc.blocks} currency={currency} testID="mc-blocks" /> : null}
        </View>
      ) : null}
      {wf ? (
        <View testID="walk-forward">
          <SectionHeader>{t('bots.robust.walkForward')}</SectionHeader>
          <View style={ui.stats}>
            <Stat label={t('bots.robust.oos')} value={formatFraction(wf.outOfSampleReturn, locale, true)} color={pnlColor(String(wf.outOfSampleReturn), theme)} testID="wf-oos" />
            <Stat label={t('bots.robust.meanTrain')} value={formatFraction(wf.meanTrainReturn, locale, true)} />
            <Stat label={t('bots.robust.meanTest')} value={formatFraction(wf.meanTestReturn, locale, true)} />
            <Stat label={t('bots.robust.efficiency')} value={formatRatio(wf.efficiency, locale)} testID="wf-efficiency" />
          </View>
          <Text style={{ color: wf.efficiency <= 0 ? theme.danger : theme.muted, marginBottom: 6 }} testID="wf-verdict">
            {t(wf.efficiency <= 0 ? 'bots.robust.overfit' : wf.efficiency >= 0.5 ? 'bots.robust.holds' : 'bots.robust.weak')}
          </Text>
          {wf.windows.map((w, i) => (
            <View
              key={w.testStart}
              accessible
              accessibilityLabel={t('bots.robust.windowLabel', {
                n: i + 1,
                from: formatDateTime(w.testStart, locale),
                to: formatDateTime(w.testEnd, locale),
                train: formatFraction(w.trainReturn, locale, true),
                test: formatFraction(w.testReturn, locale, true),
                params: JSON.stringify(w.params),
              })}
              style={[ui.row, { borderColor: theme.border }]}
              testID={`wf-window-${i}`}
            >
              <View style={{ flex: 1 }}>
                <Text style={{ color: theme.text, fontWeight: '600' }}>{t('bots.robust.window', { n: i + 1 })}</Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>
                  {formatDateTime(w.testStart, locale)} – {formatDateTime(w.testEnd, locale)}
                </Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>{JSON.stringify(w.params)}</Text>
              </View>
              <View style={{ alignItems: 'flex-end' }}>
                <Text style={{ color: theme.muted, fontSize: 12 }}>{t('bots.robust.train', { value: formatFraction(w.trainReturn, locale, true) })}</Text>
                <Text style={{ color: pnlColor(String(w.testReturn), theme), fontWeight: '600' }}>
                  {t('bots.robust.test', { value: formatFraction(w.testReturn, locale, true) })}
                </Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>
                  {t('bots.robust.windowTrades', { n: formatNumber(String(w.testTrades), locale), dd: formatFraction(w.testMaxDrawdown, locale) })}
                </Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
