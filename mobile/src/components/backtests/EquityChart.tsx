import { useState } from 'react';
import { View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { AreaChart } from '../AreaChart';
import { formatNumber } from '../../format';
import { useTheme } from '../../theme';

export interface EquityPoint {
  time: string;
  equity: number;
}

/** A backtest's equity curve (react-native-gifted-charts), described for screen readers. */
export function EquityChart({ points, currency }: { points: EquityPoint[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const [width, setWidth] = useState(320);
  const values = points.map((p) => p.equity);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const first = values[0];
  const last = values[values.length - 1];
  const color = last >= first ? theme.up : theme.down;
  return (
    <View
      accessible
      accessibilityRole="image"
      accessibilityLabel={t('bots.backtest.chartLabel', {
        start: formatNumber(String(first), locale, 2),
        end: formatNumber(String(last), locale, 2),
        low: formatNumber(String(min), locale, 2),
        high: formatNumber(String(max), locale, 2),
        currency,
      })}
      onLayout={(e) => setWidth(Math.max(200, e.nativeEvent.layout.width - 72))}
      testID="equity-chart"
    >
      <AreaChart
        data={points.map((p) => ({ value: p.equity }))}
        width={width}
        height={200}
        min={min}
        max={max}
        color={color}
        startOpacity={0.25}
        formatYLabel={(label: string) => formatNumber(label, locale, 0)}
      />
    </View>
  );
}
