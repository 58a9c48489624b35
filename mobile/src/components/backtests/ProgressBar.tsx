import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../theme';

/** A determinate progress bar (0..1) with its percentage and ETA, announced as a progressbar. */
export function ProgressBar({ progress, etaSeconds }: { progress: number; etaSeconds: number | null | undefined }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const pct = Math.max(0, Math.min(100, Math.round(progress * 100)));
  const label = etaSeconds != null ? t('bots.backtest.progressEta', { pct, seconds: Math.ceil(etaSeconds) }) : t('bots.backtest.progress', { pct });
  return (
    <View accessible accessibilityRole="progressbar" accessibilityLabel={label} accessibilityValue={{ min: 0, max: 100, now: pct }} testID="backtest-progress">
      <View style={{ height: 12, borderRadius: 6, backgroundColor: theme.surface, borderWidth: 1, borderColor: theme.border, overflow: 'hidden' }}>
        <View style={{ width: `${pct}%`, height: '100%', backgroundColor: theme.accent }} testID="backtest-progress-fill" />
      </View>
      <Text style={{ color: theme.muted, marginTop: 4 }}>{label}</Text>
    </View>
  );
}
